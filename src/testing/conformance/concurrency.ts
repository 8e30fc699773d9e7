import { describe, expect, it } from 'vitest';
import type { Store, StoreTx } from '../../store/store.js';
import { aMail, aMembership, anEmail, anInvitation, aTime, aTokenHash, aUser } from '../fixtures.js';
import {
  expectConflictError,
  type StoreSource,
  seedInvitation,
  seedMember,
  seedOrganization,
  seedUser,
  settle,
  sleep,
} from './support.js';

/** Starts one transaction per `fn` at once and waits for all of them. */
function race<T>(store: Store, ...fns: Array<(tx: StoreTx) => Promise<T>>) {
  return Promise.allSettled(fns.map((fn) => store.transaction(fn))).then(settle);
}

export function describeConcurrency(store: StoreSource): void {
  describe('concurrent transactions', () => {
    it('ensureUser racing on one email makes one user; exactly one call creates it', async () => {
      const email = anEmail('racer');
      const candidates = [aUser({ email }), aUser({ email }), aUser({ email })];

      const { values, errors } = await race(store(), ...candidates.map((user) => (tx: StoreTx) => tx.ensureUser(user)));

      expect(errors).toEqual([]);
      expect(values.filter((value) => value.created)).toHaveLength(1);
      const winner = await store().findUserByEmail(email);
      expect(winner).not.toBeNull();
      expect(values.map((value) => value.user.id)).toEqual(candidates.map(() => winner!.id));
    });

    it('two users racing to one email: one moves, the other gets CONFLICT (user_email)', async () => {
      const [first, second] = [await seedUser(store()), await seedUser(store())];
      const email = anEmail('contested');

      const { values, errors } = await race(
        store(),
        (tx) => tx.updateUser(first.id, { email, updatedAt: aTime(1) }),
        (tx) => tx.updateUser(second.id, { email, updatedAt: aTime(1) }),
      );

      expect(values).toHaveLength(1);
      expect(errors).toHaveLength(1);
      expectConflictError(errors[0], 'user_email');
      expect((await store().findUserByEmail(email))?.id).toBe(values[0]?.id);
    });

    it('racing inserts of one membership: one wins, the other gets CONFLICT (membership)', async () => {
      const organization = await seedOrganization(store());
      const user = await seedUser(store());

      const { values, errors } = await race(
        store(),
        (tx) => tx.insertMembership(aMembership({ organizationId: organization.id, userId: user.id, role: 'admin' })),
        (tx) => tx.insertMembership(aMembership({ organizationId: organization.id, userId: user.id, role: 'user' })),
      );

      expect(values).toHaveLength(1);
      expect(errors).toHaveLength(1);
      expectConflictError(errors[0], 'membership');
      expect(await store().countMembershipsOfUser(user.id)).toBe(1);
    });

    it('racing pending invitations to one email: one wins, the other gets CONFLICT (pending_invitation)', async () => {
      const organization = await seedOrganization(store());
      const email = anEmail('invitee');
      const invitations = [
        anInvitation({ organizationId: organization.id, email }),
        anInvitation({ organizationId: organization.id, email }),
      ];

      const { values, errors } = await race(
        store(),
        ...invitations.map((invitation) => (tx: StoreTx) => tx.insertInvitation(invitation)),
      );

      expect(values).toHaveLength(1);
      expect(errors).toHaveLength(1);
      expectConflictError(errors[0], 'pending_invitation');
      const pending = await store().findPendingInvitation(organization.id, email);
      expect(invitations.map((invitation) => invitation.id)).toContain(pending?.id);
    });

    it('racing invitations with one token hash: one wins, the other gets CONFLICT (token_hash)', async () => {
      const organization = await seedOrganization(store());
      const tokenHash = aTokenHash();

      const { values, errors } = await race(
        store(),
        (tx) => tx.insertInvitation(anInvitation({ organizationId: organization.id, tokenHash })),
        (tx) => tx.insertInvitation(anInvitation({ organizationId: organization.id, tokenHash })),
      );

      expect(values).toHaveLength(1);
      expect(errors).toHaveLength(1);
      expectConflictError(errors[0], 'token_hash');
    });

    it('racing claims of one invitation: exactly one wins', async () => {
      const organization = await seedOrganization(store());
      const invitation = await seedInvitation(store(), organization.id);

      const { values, errors } = await race(
        store(),
        (tx) => tx.claimInvitation(invitation.tokenHash, aTime(1)),
        (tx) => tx.claimInvitation(invitation.tokenHash, aTime(2)),
        (tx) => tx.claimInvitation(invitation.tokenHash, aTime(3)),
      );

      expect(errors).toEqual([]);
      expect(values.filter((value) => value !== null)).toHaveLength(1);
    });

    it('updatePendingInvitation racing two status changes: exactly one applies', async () => {
      const organization = await seedOrganization(store());
      const invitation = await seedInvitation(store(), organization.id);
      const resendHash = aTokenHash();

      const { values, errors } = await race(
        store(),
        (tx) => tx.updatePendingInvitation(organization.id, invitation.id, { status: 'revoked', updatedAt: aTime(1) }),
        (tx) => tx.updatePendingInvitation(organization.id, invitation.id, { status: 'accepted', updatedAt: aTime(1) }),
      );

      expect(errors).toEqual([]);
      const winners = values.filter((value) => value !== null);
      expect(winners).toHaveLength(1);
      expect(await store().getInvitation(organization.id, invitation.id)).toMatchObject({ status: winners[0]?.status });
      expect(
        await store().updatePendingInvitation(organization.id, invitation.id, {
          tokenHash: resendHash,
          updatedAt: aTime(2),
        }),
      ).toBeNull();
    });

    it('racing claims of one mail delivery attempt: exactly one wins', async () => {
      const organization = await seedOrganization(store());
      const invitation = await seedInvitation(store(), organization.id);
      const mail = aMail({ organizationId: organization.id, invitationId: invitation.id });
      await store().insertMail(mail);

      const { values, errors } = await race(
        store(),
        (tx) => tx.claimMail(mail.id, 0, aTime(1)),
        (tx) => tx.claimMail(mail.id, 0, aTime(2)),
      );

      expect(errors).toEqual([]);
      expect(values.filter((value) => value !== null)).toHaveLength(1);
      expect((await store().getMail(mail.id))?.attempts).toBe(1);
    });

    it('two owners demoting themselves under the organization lock leave one active owner', async () => {
      const organization = await seedOrganization(store());
      const owners = [
        await seedMember(store(), organization.id, { role: 'owner' }),
        await seedMember(store(), organization.id, { role: 'owner' }),
      ];

      const { errors } = await race(
        store(),
        ...owners.map(({ user }) => async (tx: StoreTx) => {
          expect(await tx.lockOrganization(organization.id)).toBe(true);
          const activeOwners = await tx.countActiveOwners(organization.id);
          // Widen the window between check and write, so a lock that does not serialize shows.
          await sleep(50);
          if (activeOwners > 1)
            await tx.updateMembership(organization.id, user.id, { role: 'admin', updatedAt: aTime(1) });
        }),
      );

      expect(errors).toEqual([]);
      expect(await store().countActiveOwners(organization.id)).toBe(1);
    });

    it('many transactions at once all commit', async () => {
      const organization = await seedOrganization(store());
      const users = Array.from({ length: 8 }, () => aUser());

      const { errors } = await race(
        store(),
        ...users.map((user) => async (tx: StoreTx) => {
          await tx.ensureUser(user);
          await tx.insertMembership(aMembership({ organizationId: organization.id, userId: user.id }));
        }),
      );

      expect(errors).toEqual([]);
      const members = await store().listMembers({ organizationId: organization.id, limit: 50 });
      expect(members.map((member) => member.userId).sort()).toEqual(users.map((user) => user.id).sort());
    });
  });
}
