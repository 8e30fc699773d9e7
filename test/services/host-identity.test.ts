/**
 * A host names users by its own ids: `organizations.create({ owner: { userId } })`
 * and `invitations.accept({ userId })`.
 */
import { describe, expect, it } from 'vitest';
import { addMember, rejection, seedOrganization, uniqueEmail, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

const hostId = (label: string) => `host|${label}|${Math.random().toString(36).slice(2)}`;

for (const factory of STORES) {
  describe(`host identity: ${factory.name}`, () => {
    const h = useHarness(factory);

    it('creates the owner under the host’s id, and finds it again by that id', async () => {
      const userId = hostId('olivia');
      const email = uniqueEmail('olivia');
      const { owner } = await h.orgkit.organizations.create({
        name: 'First',
        owner: { userId, email, fullName: 'Olivia' },
      });
      expect(owner.userId).toBe(userId);
      const again = await h.orgkit.organizations.create({
        name: 'Second',
        owner: { userId, email, fullName: 'Other' },
      });
      expect(again.owner).toMatchObject({ userId, fullName: 'Olivia' });
      expect((await h.orgkit.organizations.listForUser(userId)).map((entry) => entry.organization.name)).toEqual([
        'First',
        'Second',
      ]);
    });

    it('refuses an id known under another email, and an email known under another id, creating nothing', async () => {
      const first = await seedOrganization(h);
      const idUnderOtherEmail = await rejection(
        h.orgkit.organizations.create({
          name: 'Stolen id',
          owner: { userId: first.owner.userId, email: uniqueEmail(), fullName: 'Mallory' },
        }),
      );
      expect(idUnderOtherEmail).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'USER_EMAIL_MISMATCH' } });
      const emailUnderOtherId = await rejection(
        h.orgkit.organizations.create({
          name: 'Stolen email',
          owner: { userId: hostId('mallory'), email: first.ownerEmail, fullName: 'Mallory' },
        }),
      );
      expect(emailUnderOtherId).toMatchObject({ code: 'CONFLICT', details: { reason: 'EMAIL_TAKEN' } });
      expect(await h.orgkit.organizations.listForUser(first.owner.userId)).toHaveLength(1);
    });

    it('joins the signed-in host user on accept, and refuses one whose email is not the invitation’s', async () => {
      const { owner } = await seedOrganization(h);
      const email = uniqueEmail('uma');
      await h.orgkit.invitations.create(owner, { email, role: 'user' });
      const token = h.mailer.tokenFor(email)!;

      const other = await seedOrganization(h, 'Elsewhere');
      const mismatch = await rejection(
        h.orgkit.invitations.accept({ token, fullName: 'Mallory', userId: other.owner.userId }),
      );
      expect(mismatch).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'INVITATION_EMAIL_MISMATCH' } });
      // Refused, so the invitation is still there for its invitee.
      await expect(h.orgkit.invitations.preview(token)).resolves.toMatchObject({ email });

      const userId = hostId('uma');
      const { member, user } = await h.orgkit.invitations.accept({ token, fullName: 'Uma', userId });
      expect(member).toMatchObject({ userId, email, role: 'user' });
      expect(user).toEqual({
        id: userId,
        email,
        fullName: 'Uma',
        timezone: 'UTC',
        createdAt: h.now(),
        updatedAt: h.now(),
      });
    });

    it('refuses an accept naming a new id for an email orgkit knows under another id', async () => {
      const { owner } = await seedOrganization(h);
      const existing = await addMember(h, owner, 'user');
      const other = await seedOrganization(h, 'Other');
      await h.orgkit.invitations.create(other.owner, { email: existing.email, role: 'user' });
      const refused = await rejection(
        h.orgkit.invitations.accept({ token: h.mailer.tokenFor(existing.email)!, fullName: 'X', userId: hostId('x') }),
      );
      expect(refused).toMatchObject({ code: 'CONFLICT', details: { reason: 'EMAIL_TAKEN' } });
    });

    it('makes one user of two racing accepts that name the same new id', async () => {
      const [first, second] = [await seedOrganization(h, 'First'), await seedOrganization(h, 'Second')];
      const email = uniqueEmail('racer');
      await h.orgkit.invitations.create(first.owner, { email, role: 'user' });
      const firstToken = h.mailer.tokenFor(email)!;
      await h.orgkit.invitations.create(second.owner, { email, role: 'admin' });
      const secondToken = h.mailer.tokenFor(email)!;
      const userId = hostId('racer');

      const results = await Promise.all([
        h.orgkit.invitations.accept({ token: firstToken, fullName: 'Racer', userId }),
        h.orgkit.invitations.accept({ token: secondToken, fullName: 'Racer', userId }),
      ]);

      expect(results.map((result) => result.user.id)).toEqual([userId, userId]);
      const memberships = await h.orgkit.organizations.listForUser(userId);
      expect(memberships.map((entry) => [entry.organization.name, entry.role]).sort()).toEqual([
        ['First', 'user'],
        ['Second', 'admin'],
      ]);
    });

    it('answers FORBIDDEN, not a store failure, when two accepts race to create one id under two emails', async () => {
      const { owner } = await seedOrganization(h);
      const [a, b] = [uniqueEmail('a'), uniqueEmail('b')];
      await h.orgkit.invitations.create(owner, { email: a, role: 'user' });
      await h.orgkit.invitations.create(owner, { email: b, role: 'user' });
      const userId = hostId('contested');

      const settled = await Promise.allSettled([
        h.orgkit.invitations.accept({ token: h.mailer.tokenFor(a)!, fullName: 'A', userId }),
        h.orgkit.invitations.accept({ token: h.mailer.tokenFor(b)!, fullName: 'B', userId }),
      ]);

      expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(settled.find((result) => result.status === 'rejected')).toMatchObject({
        reason: { code: 'FORBIDDEN', details: { reason: 'INVITATION_EMAIL_MISMATCH' } },
      });
    });
  });
}
