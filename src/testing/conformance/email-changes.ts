import { describe, expect, it } from 'vitest';
import type { StoreTx } from '../../store/store.js';
import { aMail, aMembership, anEmail, aTime, aTokenHash } from '../fixtures.js';
import {
  expectConflict,
  expectConflictError,
  expectStoreFailure,
  missingId,
  type StoreSource,
  seedInvitation,
  seedOrganization,
  seedUser,
  settle,
  sleep,
} from './support.js';

const pending = (email: string, tokenHash: string, expiresAt = aTime(9_000)) => ({
  pendingEmail: email,
  pendingEmailTokenHash: tokenHash,
  pendingEmailExpiresAt: expiresAt,
});

/** A user's pending email change, its confirmation, `lockUser`, and a user's own mail in the outbox. */
export function describeEmailChanges(store: StoreSource): void {
  describe('email changes', () => {
    it('updateUser records a pending change that findUserByPendingEmailTokenHash finds, and clears it', async () => {
      const user = await seedUser(store());
      const [email, tokenHash] = [anEmail('next'), aTokenHash()];

      const updated = await store().updateUser(user.id, { ...pending(email, tokenHash), updatedAt: aTime(1) });

      const expected = { ...user, ...pending(email, tokenHash), updatedAt: aTime(1) };
      expect(updated).toEqual(expected);
      expect(await store().findUserByPendingEmailTokenHash(tokenHash)).toEqual(expected);
      // Pending is not owned: the address still belongs to nobody.
      expect(await store().findUserByEmail(email)).toBeNull();

      await store().updateUser(user.id, {
        pendingEmail: null,
        pendingEmailTokenHash: null,
        pendingEmailExpiresAt: null,
        updatedAt: aTime(2),
      });
      expect(await store().findUserByPendingEmailTokenHash(tokenHash)).toBeNull();
      expect(await store().getUser(user.id)).toEqual({ ...user, updatedAt: aTime(2) });
    });

    it('a pending email need not be unique; its token hash must be (CONFLICT email_token_hash)', async () => {
      const owner = await seedUser(store());
      const [first, second] = [await seedUser(store()), await seedUser(store())];
      const tokenHash = aTokenHash();

      await store().updateUser(first.id, { ...pending(owner.email, tokenHash), updatedAt: aTime(1) });
      await store().updateUser(second.id, { ...pending(owner.email, aTokenHash()), updatedAt: aTime(1) });
      await expectConflict(
        store().updateUser(second.id, { ...pending(anEmail(), tokenHash), updatedAt: aTime(2) }),
        'email_token_hash',
      );
      expect((await store().getUser(second.id))?.pendingEmail).toBe(owner.email);
    });

    it('confirmPendingEmail moves the address once, and only with the current token hash', async () => {
      const user = await seedUser(store());
      const [email, tokenHash] = [anEmail('confirmed'), aTokenHash()];
      await store().updateUser(user.id, { ...pending(email, tokenHash), updatedAt: aTime(1) });

      expect(await store().confirmPendingEmail(user.id, aTokenHash(), aTime(2))).toBeNull();
      expect(await store().confirmPendingEmail(missingId(), tokenHash, aTime(2))).toBeNull();
      const confirmed = await store().confirmPendingEmail(user.id, tokenHash, aTime(3));

      const expected = { ...user, email, updatedAt: aTime(3) };
      expect(confirmed).toEqual(expected);
      expect(await store().findUserByEmail(email)).toEqual(expected);
      expect(await store().findUserByEmail(user.email)).toBeNull();
      expect(await store().confirmPendingEmail(user.id, tokenHash, aTime(4))).toBeNull();
    });

    it('confirmPendingEmail to an address another user took meanwhile is a CONFLICT (user_email)', async () => {
      const user = await seedUser(store());
      const taker = await seedUser(store());
      const tokenHash = aTokenHash();
      await store().updateUser(user.id, { ...pending(taker.email, tokenHash), updatedAt: aTime(1) });

      await expectConflict(store().confirmPendingEmail(user.id, tokenHash, aTime(2)), 'user_email');
      expect(await store().getUser(user.id)).toMatchObject({ email: user.email, pendingEmailTokenHash: tokenHash });
    });

    it('two racing confirmations: exactly one moves the address', async () => {
      const user = await seedUser(store());
      const [email, tokenHash] = [anEmail('raced'), aTokenHash()];
      await store().updateUser(user.id, { ...pending(email, tokenHash), updatedAt: aTime(1) });

      const confirm = (tx: StoreTx) => tx.confirmPendingEmail(user.id, tokenHash, aTime(2));
      const { values, errors } = settle(
        await Promise.allSettled([store().transaction(confirm), store().transaction(confirm)]),
      );

      expect(errors).toEqual([]);
      expect(values.filter((value) => value !== null)).toHaveLength(1);
      expect((await store().getUser(user.id))?.email).toBe(email);
    });

    it('lockUser answers whether the user exists', async () => {
      const user = await seedUser(store());
      expect(await store().transaction((tx) => tx.lockUser(user.id))).toBe(true);
      expect(await store().transaction((tx) => tx.lockUser(missingId()))).toBe(false);
    });

    it('lockUser holds off a new membership of the user until the locking transaction ends', async () => {
      const [first, second] = [await seedOrganization(store()), await seedOrganization(store())];
      const user = await seedUser(store());
      await store().insertMembership(aMembership({ organizationId: first.id, userId: user.id }));
      const order: string[] = [];

      const locker = store().transaction(async (tx) => {
        await tx.lockUser(user.id);
        const count = await tx.countMembershipsOfUser(user.id);
        // Widen the window in which a membership could slip in after the count.
        await sleep(150);
        order.push(`locker counted ${count}`);
      });
      await sleep(30);
      const joiner = store().transaction(async (tx) => {
        await tx.insertMembership(aMembership({ organizationId: second.id, userId: user.id }));
        order.push('joined');
      });
      const { errors } = settle(await Promise.allSettled([locker, joiner]));

      expect(errors).toEqual([]);
      expect(order).toEqual(['locker counted 1', 'joined']);
      expect(await store().countMembershipsOfUser(user.id)).toBe(2);
    });
  });

  describe("a user's own mail", () => {
    it('insertMail keeps an email-change mail tied to its user, and cancelPendingMail cancels by user and kind', async () => {
      const user = await seedUser(store());
      const other = await seedUser(store());
      const change = aMail({ kind: 'email-change', userId: user.id, to: anEmail('new'), createdAt: aTime(1) });
      const notice = aMail({ kind: 'email-changed', userId: user.id, to: user.email, createdAt: aTime(2) });
      const othersChange = aMail({ kind: 'email-change', userId: other.id, createdAt: aTime(3) });
      for (const mail of [change, notice, othersChange]) await store().insertMail(mail);

      expect(await store().getMail(change.id)).toEqual(change);
      expect(await store().cancelPendingMail({ userId: user.id, kind: 'email-change' }, aTime(10))).toBe(1);
      expect(await store().getMail(change.id)).toEqual({ ...change, status: 'cancelled', updatedAt: aTime(10) });
      expect(await store().listPendingMail(10)).toEqual([notice, othersChange]);
    });

    it('insertMail refuses a mail tied to the wrong things (STORE_FAILURE)', async () => {
      const organization = await seedOrganization(store());
      const invitation = await seedInvitation(store(), organization.id);
      const user = await seedUser(store());
      const broken = [
        aMail({ kind: 'email-change', userId: missingId() }),
        aMail({ kind: 'email-change', userId: null }),
        aMail({ kind: 'email-change', userId: user.id, invitationId: invitation.id, organizationId: organization.id }),
        aMail({ organizationId: organization.id, invitationId: invitation.id, userId: user.id }),
      ];
      for (const mail of broken) await expectStoreFailure(store().insertMail(mail));
      expect(await store().listPendingMail(10)).toEqual([]);
    });

    it('a second pending change with a reused token hash fails inside a transaction and leaves it usable', async () => {
      const [first, second] = [await seedUser(store()), await seedUser(store())];
      const tokenHash = aTokenHash();
      await store().updateUser(first.id, { ...pending(anEmail(), tokenHash), updatedAt: aTime(1) });

      const result = await store().transaction(async (tx) => {
        const error = await tx.updateUser(second.id, { ...pending(anEmail(), tokenHash), updatedAt: aTime(2) }).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expectConflictError(error, 'email_token_hash');
        return tx.updateUser(second.id, { fullName: 'Still usable', updatedAt: aTime(3) });
      });
      expect(result).toMatchObject({ fullName: 'Still usable', pendingEmail: null });
    });
  });
}
