import { describe, expect, it } from 'vitest';
import { newId } from '../../services/ids.js';
import type { InvitationQuery } from '../../store/store.js';
import { anEmail, anInvitation, aTime, aTokenHash } from '../fixtures.js';
import {
  byCreatedThenId,
  expectConflict,
  expectStoreFailure,
  ids,
  missingId,
  outOfOrder,
  type StoreSource,
  seedInvitation,
  seedOrganization,
  seedProject,
  sortedIds,
} from './support.js';

const HOUR_MS = 3600_000;

export function describeInvitations(store: StoreSource): void {
  describe('invitations', () => {
    it('insertInvitation stores the invitation; getInvitation reads it only in its organization', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const projects = [await seedProject(store(), organization.id), await seedProject(store(), organization.id)];
      const invitation = anInvitation({
        organizationId: organization.id,
        role: 'admin',
        projectIds: projects.map((project) => project.id).sort(),
        invitedBy: newId(),
        expiresAt: aTime(48 * HOUR_MS + 789),
        createdAt: aTime(321),
        updatedAt: aTime(654),
      });

      await store().insertInvitation(invitation);

      const read = await store().getInvitation(organization.id, invitation.id);
      expect(read).toEqual(invitation);
      expect(read?.expiresAt.getTime()).toBe(invitation.expiresAt.getTime());
      expect(await store().getInvitation(other.id, invitation.id)).toBeNull();
      expect(await store().getInvitation(organization.id, missingId())).toBeNull();
    });

    it('insertInvitation refuses a missing organization (STORE_FAILURE)', async () => {
      await expectStoreFailure(store().insertInvitation(anInvitation({ organizationId: missingId() })));
    });

    it('a second pending invitation to the same email is a CONFLICT (pending_invitation), even when the first has lapsed', async () => {
      const organization = await seedOrganization(store());
      const lapsed = await seedInvitation(store(), organization.id, { expiresAt: aTime(-HOUR_MS) });

      await expectConflict(
        store().insertInvitation(anInvitation({ organizationId: organization.id, email: lapsed.email })),
        'pending_invitation',
      );
      expect(await store().findPendingInvitation(organization.id, lapsed.email)).toEqual(lapsed);
    });

    it('the same email may be pending in two organizations, and two emails in one', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const first = await seedInvitation(store(), organization.id);

      const elsewhere = await seedInvitation(store(), other.id, { email: first.email });
      const second = await seedInvitation(store(), organization.id);

      expect(await store().findPendingInvitation(other.id, first.email)).toEqual(elsewhere);
      expect(await store().findPendingInvitation(organization.id, second.email)).toEqual(second);
    });

    it('a revoked, accepted or expired invitation does not block a new pending one', async () => {
      const organization = await seedOrganization(store());
      for (const status of ['revoked', 'accepted', 'expired'] as const) {
        const email = anEmail(status);
        const old = await seedInvitation(store(), organization.id, { email });
        await store().updatePendingInvitation(organization.id, old.id, { status, updatedAt: aTime(1) });

        const fresh = await seedInvitation(store(), organization.id, { email });

        expect(await store().findPendingInvitation(organization.id, email)).toEqual(fresh);
      }
    });

    it('reusing a token hash is a CONFLICT (token_hash), whatever the status or organization', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const accepted = await seedInvitation(store(), organization.id, { status: 'accepted', acceptedAt: aTime(1) });

      await expectConflict(
        store().insertInvitation(anInvitation({ organizationId: other.id, tokenHash: accepted.tokenHash })),
        'token_hash',
      );
      expect(await store().listInvitations({ organizationId: other.id, now: aTime(), limit: 10 })).toEqual([]);
    });

    it('findPendingInvitation answers the pending one, lapsed or not, and null otherwise', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const lapsed = await seedInvitation(store(), organization.id, { expiresAt: aTime(-1) });
      const revoked = await seedInvitation(store(), organization.id);
      await store().updatePendingInvitation(organization.id, revoked.id, { status: 'revoked', updatedAt: aTime(1) });

      expect(await store().findPendingInvitation(organization.id, lapsed.email)).toEqual(lapsed);
      expect(await store().findPendingInvitation(organization.id, revoked.email)).toBeNull();
      expect(await store().findPendingInvitation(other.id, lapsed.email)).toBeNull();
      expect(await store().findPendingInvitation(organization.id, anEmail('nobody'))).toBeNull();
    });

    it('findInvitationByTokenHash finds the invitation by its hash', async () => {
      const organization = await seedOrganization(store());
      const invitation = await seedInvitation(store(), organization.id);

      expect(await store().findInvitationByTokenHash(invitation.tokenHash)).toEqual(invitation);
      expect(await store().findInvitationByTokenHash(aTokenHash())).toBeNull();
    });

    it('updatePendingInvitation re-sends: the new hash finds it, the old one no longer does', async () => {
      const organization = await seedOrganization(store());
      const invitation = await seedInvitation(store(), organization.id, { invitedBy: newId() });
      const patch = { tokenHash: aTokenHash(), expiresAt: aTime(99 * HOUR_MS), invitedBy: null, updatedAt: aTime(7) };

      const resent = await store().updatePendingInvitation(organization.id, invitation.id, patch);

      expect(resent).toEqual({ ...invitation, ...patch });
      expect(await store().findInvitationByTokenHash(patch.tokenHash)).toEqual(resent);
      expect(await store().findInvitationByTokenHash(invitation.tokenHash)).toBeNull();
      expect(await store().findPendingInvitation(organization.id, invitation.email)).toEqual(resent);
      // The old hash is free again.
      await seedInvitation(store(), organization.id, { tokenHash: invitation.tokenHash });
    });

    it('updatePendingInvitation applies only while pending, and only in the invitation’s organization', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const invitation = await seedInvitation(store(), organization.id);
      const revoke = { status: 'revoked' as const, updatedAt: aTime(5) };

      expect(await store().updatePendingInvitation(other.id, invitation.id, revoke)).toBeNull();
      expect(await store().updatePendingInvitation(organization.id, missingId(), revoke)).toBeNull();
      expect(await store().updatePendingInvitation(organization.id, invitation.id, revoke)).toEqual({
        ...invitation,
        ...revoke,
      });
      expect(
        await store().updatePendingInvitation(organization.id, invitation.id, {
          status: 'expired',
          updatedAt: aTime(6),
        }),
      ).toBeNull();
      expect(await store().getInvitation(organization.id, invitation.id)).toEqual({ ...invitation, ...revoke });
    });

    it('updatePendingInvitation to a token hash in use is a CONFLICT (token_hash) and changes nothing', async () => {
      const organization = await seedOrganization(store());
      const taken = await seedInvitation(store(), organization.id);
      const invitation = await seedInvitation(store(), organization.id);

      await expectConflict(
        store().updatePendingInvitation(organization.id, invitation.id, {
          tokenHash: taken.tokenHash,
          expiresAt: aTime(HOUR_MS),
          updatedAt: aTime(1),
        }),
        'token_hash',
      );
      expect(await store().getInvitation(organization.id, invitation.id)).toEqual(invitation);
      expect(await store().findInvitationByTokenHash(taken.tokenHash)).toEqual(taken);
    });

    it('claimInvitation accepts a pending invitation once', async () => {
      const organization = await seedOrganization(store());
      const invitation = await seedInvitation(store(), organization.id);
      const acceptedAt = aTime(HOUR_MS + 42);

      const claimed = await store().claimInvitation(invitation.tokenHash, acceptedAt);

      expect(claimed).toMatchObject({ id: invitation.id, status: 'accepted', email: invitation.email });
      expect(claimed?.acceptedAt?.getTime()).toBe(acceptedAt.getTime());
      expect(await store().getInvitation(organization.id, invitation.id)).toMatchObject({ status: 'accepted' });
      expect(await store().findPendingInvitation(organization.id, invitation.email)).toBeNull();
      expect(await store().claimInvitation(invitation.tokenHash, aTime(HOUR_MS + 43))).toBeNull();
    });

    it('claimInvitation answers null for an unknown hash or a revoked invitation', async () => {
      const organization = await seedOrganization(store());
      const revoked = await seedInvitation(store(), organization.id);
      await store().updatePendingInvitation(organization.id, revoked.id, { status: 'revoked', updatedAt: aTime(1) });

      expect(await store().claimInvitation(aTokenHash(), aTime(2))).toBeNull();
      expect(await store().claimInvitation(revoked.tokenHash, aTime(2))).toBeNull();
      expect(await store().getInvitation(organization.id, revoked.id)).toMatchObject({
        status: 'revoked',
        acceptedAt: null,
      });
    });

    it('claimInvitation leaves expiry to the caller: a lapsed pending invitation is claimed', async () => {
      const organization = await seedOrganization(store());
      const lapsed = await seedInvitation(store(), organization.id, { expiresAt: aTime(-HOUR_MS) });

      expect(await store().claimInvitation(lapsed.tokenHash, aTime())).toMatchObject({
        id: lapsed.id,
        status: 'accepted',
      });
    });

    describe('listInvitations', () => {
      it('lists newest first, by createdAt then id descending, in the organization only', async () => {
        const organization = await seedOrganization(store());
        const other = await seedOrganization(store());
        const seeded = [await seedInvitation(store(), organization.id, { createdAt: aTime(0) })];
        for (const id of outOfOrder(sortedIds(3))) {
          seeded.push(await seedInvitation(store(), organization.id, { id, createdAt: aTime(500) }));
        }
        seeded.push(await seedInvitation(store(), organization.id, { createdAt: aTime(1_000) }));
        await seedInvitation(store(), other.id, { createdAt: aTime(600) });
        const expected = ids([...seeded].sort(byCreatedThenId((row) => row.id)).reverse());

        const listed = await store().listInvitations({ organizationId: organization.id, now: aTime(), limit: 50 });

        expect(ids(listed)).toEqual(expected);
        expect(await store().listInvitations({ organizationId: missingId(), now: aTime(), limit: 50 })).toEqual([]);
      });

      it('pages with a keyset across ties, without skipping or repeating', async () => {
        const organization = await seedOrganization(store());
        const seeded = [];
        for (const [index, id] of outOfOrder(sortedIds(5)).entries()) {
          seeded.push(await seedInvitation(store(), organization.id, { id, createdAt: aTime(index < 3 ? 100 : 0) }));
        }
        const expected = ids([...seeded].sort(byCreatedThenId((row) => row.id)).reverse());

        const seen: string[][] = [];
        let after: InvitationQuery['after'];
        for (let page = 0; page < 10; page += 1) {
          const rows = await store().listInvitations({
            organizationId: organization.id,
            now: aTime(),
            limit: 2,
            ...(after ? { after } : {}),
          });
          if (rows.length === 0) break;
          seen.push(ids(rows));
          after = { createdAt: rows.at(-1)!.createdAt, id: rows.at(-1)!.id };
        }

        expect(seen.map((page) => page.length)).toEqual([2, 2, 1]);
        expect(seen.flat()).toEqual(expected);
      });

      it('filters by status as seen at `now`: a lapsed pending invitation is expired', async () => {
        const organization = await seedOrganization(store());
        const now = aTime(10 * HOUR_MS);
        const seed = (createdAt: number, expiresInMs: number) =>
          seedInvitation(store(), organization.id, {
            createdAt: aTime(createdAt),
            expiresAt: new Date(now.getTime() + expiresInMs),
          });
        const pending = await seed(1, HOUR_MS);
        const lapsed = await seed(2, -HOUR_MS);
        const accepted = await seed(3, -HOUR_MS);
        await store().claimInvitation(accepted.tokenHash, aTime(4));
        const revoked = await seed(4, HOUR_MS);
        await store().updatePendingInvitation(organization.id, revoked.id, { status: 'revoked', updatedAt: aTime(5) });
        const expired = await seed(5, -2 * HOUR_MS);
        await store().updatePendingInvitation(organization.id, expired.id, { status: 'expired', updatedAt: aTime(6) });
        const list = async (status?: InvitationQuery['status']) =>
          ids(
            await store().listInvitations({
              organizationId: organization.id,
              now,
              limit: 50,
              ...(status ? { status } : {}),
            }),
          );

        expect(await list('pending')).toEqual([pending.id]);
        expect(await list('expired')).toEqual([expired.id, lapsed.id]);
        expect(await list('accepted')).toEqual([accepted.id]);
        expect(await list('revoked')).toEqual([revoked.id]);
        expect(await list()).toEqual([expired.id, revoked.id, accepted.id, lapsed.id, pending.id]);
      });

      it('honours limit, also with a status filter', async () => {
        const organization = await seedOrganization(store());
        const seeded = [];
        for (let index = 0; index < 4; index += 1) {
          seeded.push(await seedInvitation(store(), organization.id, { createdAt: aTime(index) }));
        }

        const page = await store().listInvitations({
          organizationId: organization.id,
          now: aTime(),
          status: 'pending',
          limit: 3,
        });

        expect(ids(page)).toEqual(ids(seeded.reverse().slice(0, 3)));
      });
    });

    it('copies invitations in and out', async () => {
      const organization = await seedOrganization(store());
      const project = await seedProject(store(), organization.id);
      const invitation = anInvitation({ organizationId: organization.id, projectIds: [project.id] });
      const snapshot = structuredClone(invitation);
      await store().insertInvitation(invitation);

      invitation.projectIds.push('mutated after insert');
      const read = await store().getInvitation(organization.id, invitation.id);
      expect(read).toEqual(snapshot);

      read!.projectIds.length = 0;
      read!.expiresAt.setTime(0);
      expect(await store().getInvitation(organization.id, invitation.id)).toEqual(snapshot);
    });
  });
}
