import { describe, expect, it } from 'vitest';
import { createHarness, rejection, seedOrganization, uniqueEmail, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

for (const factory of STORES) {
  describe(`mail outbox: ${factory.name}`, () => {
    const h = useHarness(factory);

    it('keeps the invitation when the mailer fails, and delivers on retry with a fresh link', async () => {
      const { owner } = await seedOrganization(h);
      const email = uniqueEmail();
      h.mailer.failNext(2);
      const invitation = await h.orgkit.invitations.create(owner, { email, role: 'user' });
      expect(h.mailer.sent).toHaveLength(0);
      expect((await h.orgkit.invitations.list(owner)).items.map((i) => i.id)).toEqual([invitation.id]);
      const [pending] = await h.store.listPendingMail(10);
      expect(pending).toMatchObject({ to: email, status: 'pending', attempts: 1, invitationId: invitation.id });
      // The error's name only: a mailer's message may quote the mail, and so its live link.
      expect(pending?.lastError).toBe('Error');

      expect(await h.orgkit.deliverPendingMail()).toEqual({ sent: 0, failed: 1, cancelled: 0 });
      expect((await h.store.getMail(pending!.id))?.attempts).toBe(2);
      expect(await h.orgkit.deliverPendingMail()).toEqual({ sent: 1, failed: 0, cancelled: 0 });
      expect(await h.orgkit.deliverPendingMail()).toEqual({ sent: 0, failed: 0, cancelled: 0 });

      expect(h.mailer.sent).toHaveLength(1);
      expect(h.mailer.sent[0]?.id).toBe(pending?.id);
      expect(await h.store.getMail(pending!.id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
      const token = h.mailer.tokenFor(email)!;
      await expect(h.orgkit.invitations.accept({ token, fullName: 'Late Mail' })).resolves.toBeTruthy();
      // Each retry minted a new link: recorded as a resend that no one made.
      const resends = h.events.filter((event) => event.action === 'invitation.resent');
      expect(resends.map((event) => [event.actorId, event.targetId])).toEqual([
        [null, invitation.id],
        [null, invitation.id],
      ]);
    });

    it('cancels the pending mail of a revoked invitation instead of sending it', async () => {
      const { owner } = await seedOrganization(h);
      h.mailer.failNext(1);
      const invitation = await h.orgkit.invitations.create(owner, { email: uniqueEmail(), role: 'user' });
      await h.orgkit.invitations.revoke(owner, invitation.id);
      expect(await h.orgkit.deliverPendingMail()).toEqual({ sent: 0, failed: 0, cancelled: 0 });
      expect(await h.store.listPendingMail(10)).toEqual([]);
      expect(h.mailer.sent).toHaveLength(0);
    });

    it('does not let an older failed mail kill the link of a resend', async () => {
      const { owner } = await seedOrganization(h);
      const email = uniqueEmail();
      h.mailer.failNext(1);
      const invitation = await h.orgkit.invitations.create(owner, { email, role: 'user' });
      await h.orgkit.invitations.resend(owner, invitation.id);
      const token = h.mailer.tokenFor(email)!;
      await h.orgkit.deliverPendingMail();
      expect(h.mailer.sent).toHaveLength(1);
      await expect(h.orgkit.invitations.accept({ token, fullName: 'Resent' })).resolves.toBeTruthy();
    });

    it('sends each pending mail once when two deliverers run at the same time', async () => {
      const { owner } = await seedOrganization(h);
      h.mailer.failNext(3);
      for (let i = 0; i < 3; i += 1) await h.orgkit.invitations.create(owner, { email: uniqueEmail(), role: 'user' });
      const reports = await Promise.all([h.orgkit.deliverPendingMail(), h.orgkit.deliverPendingMail()]);
      expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(3);
      expect(h.mailer.sent).toHaveLength(3);
      expect(new Set(h.mailer.sent.map((mail) => mail.to)).size).toBe(3);
    });
  });

  describe(`events and audit atomicity: ${factory.name}`, () => {
    const h = useHarness(factory);

    it('calls onEvent after commit with each audit event, and never for a refused change', async () => {
      const { owner } = await seedOrganization(h);
      const stored = (await h.orgkit.audit.list(owner)).items;
      expect(h.events.map((event) => event.action)).toEqual(['organization.created', 'member.added']);
      expect([...h.events].reverse()).toEqual(stored);

      const before = h.events.length;
      await rejection(h.orgkit.members.update(owner, owner.userId, { role: 'admin' }));
      await rejection(h.orgkit.invitations.create(owner, { email: 'bad', role: 'user' }));
      expect(h.events.length).toBe(before);
      expect((await h.orgkit.audit.list(owner)).items).toHaveLength(stored.length);
    });

    it('keeps the change when the event handler throws', async () => {
      const throwing = await createHarness(factory, {
        onEvent: () => {
          throw new Error('handler bug');
        },
      });
      try {
        const { owner } = await seedOrganization(throwing);
        const project = await throwing.orgkit.projects.create(owner, { name: 'Kept' });
        await expect(throwing.orgkit.projects.get(owner, project.id)).resolves.toMatchObject({ name: 'Kept' });
      } finally {
        await throwing.close();
      }
    });

    it('rolls back the change and its audit event together when a later write fails', async () => {
      const { owner, organizationId } = await seedOrganization(h);
      const admin = (await h.orgkit.invitations.create(owner, { email: uniqueEmail(), role: 'user' })).email;
      const token = h.mailer.tokenFor(admin)!;
      // A user who is already a member makes the accept fail at its membership insert,
      // after the claim: the claim and everything before it must vanish.
      const { member } = await h.orgkit.invitations.accept({ token, fullName: 'First' });
      const second = await h.orgkit.invitations.create(owner, { email: uniqueEmail(), role: 'user' });
      await h.store
        .transaction(async (tx) => {
          await tx.updateUser(member.userId, { email: second.email, updatedAt: h.now() });
        })
        .catch(() => undefined);
      const events = (await h.orgkit.audit.list(owner, { limit: 200 })).items.length;
      const trailBefore = h.events.length;
      const secondToken = h.mailer.tokenFor(second.email)!;
      expect(await rejection(h.orgkit.invitations.accept({ token: secondToken, fullName: 'Dup' }))).toMatchObject({
        code: 'CONFLICT',
      });
      expect((await h.orgkit.audit.list(owner, { limit: 200 })).items).toHaveLength(events);
      expect(h.events.length).toBe(trailBefore);
      expect((await h.store.getInvitation(organizationId, second.id))?.status).toBe('pending');
    });
  });
}
