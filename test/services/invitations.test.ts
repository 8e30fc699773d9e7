import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/services/tokens.js';
import { addMember, DAY, rejection, seedOrganization, uniqueEmail, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

for (const factory of STORES) {
  describe(`invitations: ${factory.name}`, () => {
    const h = useHarness(factory);

    it('mails one link, keeps only a hash of its 256-bit token, and never returns it', async () => {
      const { owner, organizationId } = await seedOrganization(h, 'Acme <Bots>');
      const email = uniqueEmail('invitee');
      const invitation = await h.orgkit.invitations.create(owner, { email: ` ${email.toUpperCase()}`, role: 'admin' });
      expect(invitation).toMatchObject({ email, role: 'admin', status: 'pending', organizationId, projectIds: [] });
      expect(invitation.expiresAt.getTime() - h.now().getTime()).toBe(7 * DAY);
      expect(JSON.stringify(invitation)).not.toMatch(/token/i);

      expect(h.mailer.sent).toHaveLength(1);
      const mail = h.mailer.sent[0]!;
      const token = h.mailer.tokenFor(email)!;
      expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
      expect(mail.text).toContain(`https://app.example/invite/${token}`);
      expect(mail.html).toContain('Acme &lt;Bots&gt;');
      const stored = await h.store.getInvitation(organizationId, invitation.id);
      expect(stored?.tokenHash).toBe(hashToken(token));
      expect(JSON.stringify(stored)).not.toContain(token);

      await expect(h.orgkit.invitations.preview(token)).resolves.toEqual({
        organizationName: 'Acme <Bots>',
        email,
        role: 'admin',
        expiresAt: invitation.expiresAt,
      });
    });

    it('refuses an existing member and a second pending invitation to the same email', async () => {
      const { owner, ownerEmail } = await seedOrganization(h);
      expect(await rejection(h.orgkit.invitations.create(owner, { email: ownerEmail, role: 'user' }))).toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'ALREADY_MEMBER' },
      });
      const email = uniqueEmail();
      await h.orgkit.invitations.create(owner, { email, role: 'user' });
      expect(await rejection(h.orgkit.invitations.create(owner, { email, role: 'admin' }))).toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'INVITATION_PENDING' },
      });
      // A lapsed invitation no longer blocks a new one.
      h.advance(8 * DAY);
      await expect(h.orgkit.invitations.create(owner, { email, role: 'admin' })).resolves.toMatchObject({
        role: 'admin',
      });
      const statuses = (await h.orgkit.invitations.list(owner)).items.map((invitation) => invitation.status);
      expect(statuses).toEqual(['pending', 'expired']);
    });

    it('checks that every project belongs to the organization', async () => {
      const first = await seedOrganization(h);
      const second = await seedOrganization(h);
      const foreign = await h.orgkit.projects.create(second.owner, { name: 'Theirs' });
      const own = await h.orgkit.projects.create(first.owner, { name: 'Ours' });
      const refused = await rejection(
        h.orgkit.invitations.create(first.owner, {
          email: uniqueEmail(),
          role: 'user',
          projectIds: [own.id, foreign.id],
        }),
      );
      expect(refused).toMatchObject({ code: 'NOT_FOUND', details: { projectIds: [foreign.id] } });
      expect(JSON.stringify(refused)).not.toContain('Theirs');
      expect((await h.orgkit.invitations.list(first.owner)).items).toEqual([]);
      expect(h.mailer.sent).toHaveLength(0);
    });

    it('accepts once, assigning the invited projects, then answers INVITATION_INVALID', async () => {
      const { owner } = await seedOrganization(h);
      const project = await h.orgkit.projects.create(owner, { name: 'Bots' });
      const email = uniqueEmail();
      await h.orgkit.invitations.create(owner, { email, role: 'user', projectIds: [project.id, project.id] });
      const token = h.mailer.tokenFor(email)!;
      const { user, member } = await h.orgkit.invitations.accept({
        token,
        fullName: 'New Person',
        timezone: 'Europe/Paris',
      });
      expect(user).toMatchObject({ email, fullName: 'New Person', timezone: 'Europe/Paris' });
      expect(member).toMatchObject({ role: 'user', status: 'active', projectIds: [project.id] });
      expect(await rejection(h.orgkit.invitations.accept({ token, fullName: 'Again' }))).toMatchObject({
        code: 'INVITATION_INVALID',
      });
      expect(await rejection(h.orgkit.invitations.preview(token))).toMatchObject({ code: 'INVITATION_INVALID' });
      expect((await h.orgkit.invitations.list(owner, { status: 'accepted' })).items).toHaveLength(1);
    });

    it('joins the existing user with the invited email instead of creating another', async () => {
      const first = await seedOrganization(h, 'First');
      const second = await seedOrganization(h, 'Second');
      const { actor, email } = await addMember(h, first.owner, 'admin', { fullName: 'Original Name' });
      await h.orgkit.invitations.create(second.owner, { email, role: 'user' });
      const { user, member } = await h.orgkit.invitations.accept({
        token: h.mailer.tokenFor(email)!,
        fullName: 'Ignored',
      });
      expect(user.id).toBe(actor.userId);
      expect(member).toMatchObject({ fullName: 'Original Name', role: 'user', organizationId: second.organizationId });
    });

    it('answers INVITATION_EXPIRED past the expiry, by the injected clock', async () => {
      const { owner } = await seedOrganization(h);
      const email = uniqueEmail();
      await h.orgkit.invitations.create(owner, { email, role: 'user' });
      const token = h.mailer.tokenFor(email)!;
      h.advance(7 * DAY);
      expect(await rejection(h.orgkit.invitations.preview(token))).toMatchObject({ code: 'INVITATION_EXPIRED' });
      expect(await rejection(h.orgkit.invitations.accept({ token, fullName: 'Late' }))).toMatchObject({
        code: 'INVITATION_EXPIRED',
      });
      // The failed accept left the invitation as it was.
      expect((await h.orgkit.invitations.list(owner)).items[0]?.status).toBe('expired');
    });

    it('gives unknown, revoked and replaced tokens one answer', async () => {
      const { owner } = await seedOrganization(h);
      const revokedEmail = uniqueEmail();
      const revoked = await h.orgkit.invitations.create(owner, { email: revokedEmail, role: 'user' });
      const revokedToken = h.mailer.tokenFor(revokedEmail)!;
      await expect(h.orgkit.invitations.revoke(owner, revoked.id)).resolves.toMatchObject({ status: 'revoked' });

      const resentEmail = uniqueEmail();
      const resent = await h.orgkit.invitations.create(owner, { email: resentEmail, role: 'user' });
      const oldToken = h.mailer.tokenFor(resentEmail)!;
      h.advance(DAY);
      const renewed = await h.orgkit.invitations.resend(owner, resent.id);
      expect(renewed.expiresAt.getTime()).toBe(h.now().getTime() + 7 * DAY);
      const newToken = h.mailer.tokenFor(resentEmail)!;
      expect(newToken).not.toBe(oldToken);

      for (const token of [revokedToken, oldToken, 'x'.repeat(43), 'short']) {
        expect(await rejection(h.orgkit.invitations.accept({ token, fullName: 'Mallory' }))).toMatchObject({
          code: 'INVITATION_INVALID',
        });
      }
      await expect(h.orgkit.invitations.accept({ token: newToken, fullName: 'Rita' })).resolves.toBeTruthy();
      expect(await rejection(h.orgkit.invitations.revoke(owner, resent.id))).toMatchObject({ code: 'CONFLICT' });
    });

    it('lets an admin invite admins and users but not manage owner invitations', async () => {
      const { owner } = await seedOrganization(h);
      const admin = await addMember(h, owner, 'admin');
      const ownerInvite = await h.orgkit.invitations.create(owner, { email: uniqueEmail(), role: 'owner' });
      await expect(
        h.orgkit.invitations.create(admin.actor, { email: uniqueEmail(), role: 'admin' }),
      ).resolves.toBeTruthy();
      expect(await rejection(h.orgkit.invitations.revoke(admin.actor, ownerInvite.id))).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await rejection(h.orgkit.invitations.resend(admin.actor, ownerInvite.id))).toMatchObject({
        code: 'FORBIDDEN',
      });
    });

    it('answers NOT_FOUND for another organization’s invitation', async () => {
      const first = await seedOrganization(h);
      const second = await seedOrganization(h);
      const theirs = await h.orgkit.invitations.create(second.owner, { email: uniqueEmail(), role: 'user' });
      expect(await rejection(h.orgkit.invitations.revoke(first.owner, theirs.id))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await rejection(h.orgkit.invitations.resend(first.owner, theirs.id))).toMatchObject({ code: 'NOT_FOUND' });
      expect((await h.orgkit.invitations.list(second.owner)).items[0]?.status).toBe('pending');
    });

    it('pages invitations newest first', async () => {
      const { owner } = await seedOrganization(h);
      const emails: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        emails.push(uniqueEmail());
        await h.orgkit.invitations.create(owner, { email: emails.at(-1)!, role: 'user' });
      }
      const first = await h.orgkit.invitations.list(owner, { limit: 2 });
      const rest = await h.orgkit.invitations.list(owner, { limit: 10, cursor: first.nextCursor! });
      expect([...first.items, ...rest.items].map((invitation) => invitation.email)).toEqual(emails.reverse());
      expect(rest.nextCursor).toBeNull();
    });

    it('lets exactly one of two concurrent accepts of the same token through', async () => {
      const { owner } = await seedOrganization(h);
      const email = uniqueEmail();
      await h.orgkit.invitations.create(owner, { email, role: 'user' });
      const token = h.mailer.tokenFor(email)!;
      const results = await Promise.allSettled([
        h.orgkit.invitations.accept({ token, fullName: 'One' }),
        h.orgkit.invitations.accept({ token, fullName: 'Two' }),
        h.orgkit.invitations.accept({ token, fullName: 'Three' }),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'INVITATION_INVALID' });
      }
      const members = await h.orgkit.members.list(owner, { role: 'user' });
      expect(members.items).toHaveLength(1);
    });

    it('lets exactly one of two concurrent invitations to the same email through', async () => {
      const { owner } = await seedOrganization(h);
      const email = uniqueEmail();
      const results = await Promise.allSettled([
        h.orgkit.invitations.create(owner, { email, role: 'user' }),
        h.orgkit.invitations.create(owner, { email, role: 'admin' }),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toMatchObject({ code: 'CONFLICT' });
      expect((await h.orgkit.invitations.list(owner)).items).toHaveLength(1);
      expect(h.mailer.sent).toHaveLength(1);
    });
  });
}
