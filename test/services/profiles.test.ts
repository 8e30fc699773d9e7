/**
 * Profiles and email changes, from the attacker's side: a member of one
 * organization trying to take over an invitation, to probe for registered
 * addresses, or to rewrite what another organization sees.
 */
import { describe, expect, it } from 'vitest';
import { addMember, DAY, HOUR, rejection, seedOrganization, uniqueEmail, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

for (const factory of STORES) {
  describe(`profiles: ${factory.name}`, () => {
    const h = useHarness(factory);

    describe('email changes', () => {
      it('cannot squat an invitee’s address: the invitation still reaches the invitee, not the squatter', async () => {
        const victim = uniqueEmail('victim');
        const squatter = await seedOrganization(h, 'Mallory Inc');
        const squatted = await h.orgkit.members.update(squatter.owner, squatter.owner.userId, { email: victim });
        expect(squatted).toMatchObject({ email: squatter.ownerEmail, pendingEmail: victim });

        const target = await seedOrganization(h, 'Acme');
        await h.orgkit.invitations.create(target.owner, { email: victim, role: 'admin' });
        // The victim's mailbox holds both links; only the victim can use them.
        const { member } = await h.orgkit.invitations.accept({
          token: h.mailer.tokenFor(victim)!,
          fullName: 'Victor Victim',
        });

        expect(member.userId).not.toBe(squatter.owner.userId);
        expect(member).toMatchObject({ email: victim, fullName: 'Victor Victim', role: 'admin' });
        const squatterOrgs = await h.orgkit.organizations.listForUser(squatter.owner.userId);
        expect(squatterOrgs.map((entry) => entry.organization.name)).toEqual(['Mallory Inc']);
        // The pending change can no longer be confirmed: the address is the victim's now.
        const late = await rejection(
          h.orgkit.members.confirmEmail({ token: h.mailer.tokenFor(victim, 'email-change')! }),
        );
        expect(late).toMatchObject({ code: 'CONFLICT', details: { reason: 'EMAIL_TAKEN' } });
        expect((await h.orgkit.members.get(squatter.owner, squatter.owner.userId)).email).toBe(squatter.ownerEmail);
      });

      it('answers a change to a registered address exactly as one to a free address', async () => {
        const registered = await seedOrganization(h, 'Elsewhere');
        const { owner } = await seedOrganization(h);
        const a = await addMember(h, owner, 'user');
        const b = await addMember(h, owner, 'user');
        const free = uniqueEmail('free');

        const toTaken = await h.orgkit.members.update(owner, a.actor.userId, { email: registered.ownerEmail });
        const toFree = await h.orgkit.members.update(owner, b.actor.userId, { email: free });

        expect(toTaken).toMatchObject({ email: a.email, pendingEmail: registered.ownerEmail });
        expect(toFree).toMatchObject({ email: b.email, pendingEmail: free });
        expect(Object.keys(toTaken).sort()).toEqual(Object.keys(toFree).sort());
        // Each address got one confirmation mail, the registered one included.
        expect(h.mailer.sent.filter((mail) => mail.kind === 'email-change').map((mail) => mail.to)).toEqual([
          registered.ownerEmail,
          free,
        ]);
      });

      it('changes the email only from the mailed link: once, before it expires, and tells the old address', async () => {
        const first = await seedOrganization(h, 'First');
        const second = await seedOrganization(h, 'Second');
        const user = await addMember(h, first.owner, 'user');
        await addMember(h, second.owner, 'user', { email: user.email });
        const next = uniqueEmail('next');

        await h.orgkit.members.update(user.actor, user.actor.userId, { email: `  ${next.toUpperCase()} ` });
        const token = h.mailer.tokenFor(next, 'email-change')!;
        const stored = await h.store.getUser(user.actor.userId);
        expect(stored).toMatchObject({ email: user.email, pendingEmail: next });
        expect(JSON.stringify(stored)).not.toContain(token);

        h.advance(HOUR);
        await expect(h.orgkit.members.confirmEmail({ token })).resolves.toEqual({
          userId: user.actor.userId,
          email: next,
        });
        expect(await rejection(h.orgkit.members.confirmEmail({ token }))).toMatchObject({
          code: 'INVITATION_INVALID',
        });
        expect(h.mailer.lastTo(user.email)).toMatchObject({ kind: 'email-changed', newEmail: next });
        for (const { owner } of [first, second]) {
          const member = await h.orgkit.members.get(owner, user.actor.userId);
          expect(member).toMatchObject({ email: next, pendingEmail: null });
          const [event] = (await h.orgkit.audit.list(owner, { limit: 1 })).items;
          expect(event).toMatchObject({
            action: 'member.updated',
            actorId: user.actor.userId,
            changes: { email: { before: user.email, after: next } },
          });
        }

        await h.orgkit.members.update(user.actor, user.actor.userId, { email: uniqueEmail('later') });
        const stale = h.mailer.sent.filter((mail) => mail.kind === 'email-change').at(-1)!;
        h.advance(DAY + 1);
        const expired = await rejection(h.orgkit.members.confirmEmail({ token: stale.confirmUrl.split('#')[1]! }));
        expect(expired).toMatchObject({ code: 'INVITATION_EXPIRED' });
        expect((await h.orgkit.members.get(first.owner, user.actor.userId)).pendingEmail).toBeNull();
      });

      it('lets only the newest request confirm, and withdraws a request when the current email is given', async () => {
        const { owner } = await seedOrganization(h);
        const user = await addMember(h, owner, 'user');
        const [older, newer] = [uniqueEmail('older'), uniqueEmail('newer')];
        await h.orgkit.members.update(owner, user.actor.userId, { email: older });
        const olderToken = h.mailer.tokenFor(older, 'email-change')!;
        await h.orgkit.members.update(owner, user.actor.userId, { email: newer });
        const newerToken = h.mailer.tokenFor(newer, 'email-change')!;

        expect(await rejection(h.orgkit.members.confirmEmail({ token: olderToken }))).toMatchObject({
          code: 'INVITATION_INVALID',
        });
        const withdrawn = await h.orgkit.members.update(owner, user.actor.userId, { email: user.email });
        expect(withdrawn).toMatchObject({ email: user.email, pendingEmail: null });
        expect(await rejection(h.orgkit.members.confirmEmail({ token: newerToken }))).toMatchObject({
          code: 'INVITATION_INVALID',
        });
        const actions = (await h.orgkit.audit.list(owner, { limit: 3 })).items.map((event) => event.action);
        expect(actions).toEqual([
          'member.email_change_cancelled',
          'member.email_change_requested',
          'member.email_change_requested',
        ]);
      });

      it('refuses a forged or malformed token without touching anyone', async () => {
        const { owner } = await seedOrganization(h);
        const user = await addMember(h, owner, 'user');
        await h.orgkit.members.update(owner, user.actor.userId, { email: uniqueEmail() });
        for (const token of ['x', 'A'.repeat(43), 'A'.repeat(600), '']) {
          const refused = await rejection(h.orgkit.members.confirmEmail({ token }));
          expect(['INVITATION_INVALID', 'VALIDATION_FAILED']).toContain(refused.code);
        }
        expect(await rejection(h.orgkit.members.confirmEmail({ token: 'x', userId: 'u' } as never))).toMatchObject({
          code: 'VALIDATION_FAILED',
        });
        expect((await h.orgkit.members.get(owner, user.actor.userId)).email).toBe(user.email);
      });

      it('mails a fresh link when the confirmation mail is retried, and stores no token from a failing mailer', async () => {
        const { owner } = await seedOrganization(h);
        const user = await addMember(h, owner, 'user');
        const next = uniqueEmail('next');
        h.mailer.failNext(1, (mail) => `550 rejected: ${mail.text}`);
        await h.orgkit.members.update(owner, user.actor.userId, { email: next });
        expect(h.mailer.tokenFor(next, 'email-change')).toBeUndefined();
        const [pending] = await h.store.listPendingMail(10);
        expect(pending).toMatchObject({ kind: 'email-change', to: next, attempts: 1, lastError: 'Error' });

        expect(await h.orgkit.deliverPendingMail()).toEqual({ sent: 1, failed: 0, cancelled: 0 });
        await expect(
          h.orgkit.members.confirmEmail({ token: h.mailer.tokenFor(next, 'email-change')! }),
        ).resolves.toMatchObject({ email: next });
      });
    });

    describe('profiles shared between organizations', () => {
      it('keeps one organization from rewriting a profile another organization sees', async () => {
        const first = await seedOrganization(h, 'First');
        const second = await seedOrganization(h, 'Second');
        const shared = await addMember(h, first.owner, 'user', { fullName: 'Sam Shared' });
        await addMember(h, second.owner, 'user', { email: shared.email });
        const eventsInSecond = (await h.orgkit.audit.list(second.owner, { limit: 200 })).items.length;

        for (const patch of [{ fullName: 'Renamed by First' }, { timezone: 'Asia/Tokyo' }, { email: uniqueEmail() }]) {
          expect(await rejection(h.orgkit.members.update(first.owner, shared.actor.userId, patch))).toMatchObject({
            code: 'FORBIDDEN',
            details: { reason: 'PROFILE_SHARED_WITH_OTHER_ORGANIZATION' },
          });
        }
        // The role is First's own business.
        await expect(
          h.orgkit.members.update(first.owner, shared.actor.userId, { role: 'admin' }),
        ).resolves.toMatchObject({ role: 'admin', fullName: 'Sam Shared' });
        expect(await h.orgkit.members.get(second.owner, shared.actor.userId)).toMatchObject({
          fullName: 'Sam Shared',
          timezone: 'UTC',
          pendingEmail: null,
          role: 'user',
        });
        expect((await h.orgkit.audit.list(second.owner, { limit: 200 })).items).toHaveLength(eventsInSecond);
      });

      it('lets a user change their own profile, audited in every organization they belong to', async () => {
        const first = await seedOrganization(h, 'First');
        const second = await seedOrganization(h, 'Second');
        const shared = await addMember(h, first.owner, 'user');
        const inSecond = await addMember(h, second.owner, 'admin', { email: shared.email });
        h.advance(HOUR);

        await h.orgkit.members.update(inSecond.actor, shared.actor.userId, {
          fullName: 'Sam Self',
          timezone: 'Asia/Tokyo',
        });

        for (const { owner } of [first, second]) {
          expect(await h.orgkit.members.get(owner, shared.actor.userId)).toMatchObject({
            fullName: 'Sam Self',
            timezone: 'Asia/Tokyo',
          });
          const [event] = (await h.orgkit.audit.list(owner, { limit: 1 })).items;
          expect(event).toMatchObject({
            action: 'member.updated',
            actorId: shared.actor.userId,
            targetId: shared.actor.userId,
            organizationId: owner.organizationId,
            changes: {
              fullName: { before: 'user person', after: 'Sam Self' },
              timezone: { before: 'UTC', after: 'Asia/Tokyo' },
            },
          });
        }
      });

      it('lets an admin edit the profile of a member who belongs to no other organization', async () => {
        const { owner } = await seedOrganization(h);
        const admin = await addMember(h, owner, 'admin');
        const user = await addMember(h, owner, 'user');
        await expect(
          h.orgkit.members.update(admin.actor, user.actor.userId, { fullName: 'Fixed Typo', timezone: 'Europe/Rome' }),
        ).resolves.toMatchObject({ fullName: 'Fixed Typo', timezone: 'Europe/Rome' });
        // Not on an owner, whatever the field.
        expect(await rejection(h.orgkit.members.update(admin.actor, owner.userId, { fullName: 'X' }))).toMatchObject({
          code: 'FORBIDDEN',
          details: { reason: 'TARGET_OUTRANKS_ACTOR' },
        });
      });
    });

    describe('resends', () => {
      it('joins concurrent resends of one invitation into one mail whose link works', async () => {
        const { owner } = await seedOrganization(h);
        const admin = await addMember(h, owner, 'admin');
        const email = uniqueEmail('invitee');
        const invitation = await h.orgkit.invitations.create(owner, { email, role: 'user' });
        const before = h.mailer.sent.length;

        const results = await Promise.all([
          h.orgkit.invitations.resend(owner, invitation.id),
          h.orgkit.invitations.resend(admin.actor, invitation.id),
          h.orgkit.invitations.resend(owner, invitation.id),
        ]);

        expect(results.map((result) => result.id)).toEqual([invitation.id, invitation.id, invitation.id]);
        expect(h.mailer.sent.length - before).toBe(1);
        await expect(
          h.orgkit.invitations.accept({ token: h.mailer.tokenFor(email)!, fullName: 'Ivy' }),
        ).resolves.toBeTruthy();
      });

      it('still checks each waiting caller: a user joining a resend is refused', async () => {
        const { owner } = await seedOrganization(h);
        const user = await addMember(h, owner, 'user');
        const invitation = await h.orgkit.invitations.create(owner, { email: uniqueEmail(), role: 'user' });
        const [ok, refused] = await Promise.allSettled([
          h.orgkit.invitations.resend(owner, invitation.id),
          h.orgkit.invitations.resend(user.actor, invitation.id),
        ]);
        expect(ok.status).toBe('fulfilled');
        expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'FORBIDDEN' } });
      });

      it('sends one mail per resend made one after another, and only the newest link works', async () => {
        const { owner } = await seedOrganization(h);
        const email = uniqueEmail('invitee');
        const invitation = await h.orgkit.invitations.create(owner, { email, role: 'user' });
        const first = h.mailer.tokenFor(email)!;
        await h.orgkit.invitations.resend(owner, invitation.id);
        const second = h.mailer.tokenFor(email)!;
        expect(second).not.toBe(first);
        expect(await rejection(h.orgkit.invitations.preview(first))).toMatchObject({ code: 'INVITATION_INVALID' });
        await expect(h.orgkit.invitations.preview(second)).resolves.toMatchObject({ email });
      });
    });
  });
}
