import { describe, expect, it } from 'vitest';
import { aMembership, anEmail, aTime, aUser } from '../fixtures.js';
import { expectConflict, missingId, type StoreSource, seedMember, seedOrganization, seedUser } from './support.js';

export function describeUsers(store: StoreSource): void {
  describe('users', () => {
    it('ensureUser inserts a new user, which reads back field for field', async () => {
      const user = aUser({
        fullName: 'Grace Hopper',
        timezone: 'America/New_York',
        createdAt: aTime(123),
        updatedAt: aTime(456),
      });

      expect(await store().ensureUser(user)).toEqual({ user, created: true });

      const byId = await store().getUser(user.id);
      expect(byId).toEqual(user);
      expect(byId?.createdAt.getTime()).toBe(user.createdAt.getTime());
      expect(byId?.updatedAt.getTime()).toBe(user.updatedAt.getTime());
      expect(await store().findUserByEmail(user.email)).toEqual(user);
    });

    it('ensureUser answers the existing user, untouched, when the email is taken', async () => {
      const existing = await seedUser(store(), { fullName: 'First' });
      const newcomer = aUser({ email: existing.email, fullName: 'Second', updatedAt: aTime(99) });

      expect(await store().ensureUser(newcomer)).toEqual({ user: existing, created: false });
      expect(await store().getUser(existing.id)).toEqual(existing);
      expect(await store().getUser(newcomer.id)).toBeNull();
    });

    it('ensureUser with an id another user has, under another email, is a CONFLICT (user_id)', async () => {
      const existing = await seedUser(store());
      const clash = aUser({ id: existing.id });

      await expectConflict(store().ensureUser(clash), 'user_id');
      expect(await store().findUserByEmail(clash.email)).toBeNull();
      // Inside a transaction the failed insert leaves the transaction usable.
      const user = await store().transaction(async (tx) => {
        await tx.ensureUser(clash).catch(() => undefined);
        return (await tx.ensureUser(aUser({ email: clash.email }))).user;
      });
      expect(await store().findUserByEmail(clash.email)).toEqual(user);
    });

    it('reads answer null for a user that does not exist', async () => {
      expect(await store().getUser(missingId())).toBeNull();
      expect(await store().findUserByEmail(anEmail('nobody'))).toBeNull();
    });

    it('updateUser changes only the fields in the patch', async () => {
      const user = await seedUser(store(), { fullName: 'Old Name', timezone: 'UTC' });

      const updated = await store().updateUser(user.id, { fullName: 'New Name', updatedAt: aTime(5_000) });

      const expected = { ...user, fullName: 'New Name', updatedAt: aTime(5_000) };
      expect(updated).toEqual(expected);
      expect(await store().getUser(user.id)).toEqual(expected);
    });

    it('a patch field that is present but undefined leaves the field alone', async () => {
      const user = await seedUser(store(), { fullName: 'Kept', timezone: 'Asia/Tokyo' });

      const updated = await store().updateUser(user.id, {
        fullName: undefined,
        email: undefined,
        timezone: 'UTC',
        updatedAt: aTime(3),
      });

      expect(updated).toEqual({ ...user, timezone: 'UTC', updatedAt: aTime(3) });
    });

    it('updateUser moves the user to a new email and frees the old one', async () => {
      const user = await seedUser(store());
      const newEmail = anEmail('moved');

      await store().updateUser(user.id, { email: newEmail, timezone: 'Europe/Berlin', updatedAt: aTime(1) });

      expect(await store().findUserByEmail(newEmail)).toMatchObject({ id: user.id, timezone: 'Europe/Berlin' });
      expect(await store().findUserByEmail(user.email)).toBeNull();
      const other = aUser({ email: user.email });
      expect(await store().ensureUser(other)).toEqual({ user: other, created: true });
    });

    it("updateUser to the user's own email is not a conflict", async () => {
      const user = await seedUser(store());

      const updated = await store().updateUser(user.id, { email: user.email, updatedAt: aTime(1) });

      expect(updated?.email).toBe(user.email);
    });

    it("updateUser to another user's email is a CONFLICT (user_email) and changes nothing", async () => {
      const taken = await seedUser(store());
      const user = await seedUser(store());

      await expectConflict(
        store().updateUser(user.id, { email: taken.email, fullName: 'Changed', updatedAt: aTime(1) }),
        'user_email',
      );

      expect(await store().getUser(user.id)).toEqual(user);
      expect(await store().findUserByEmail(taken.email)).toEqual(taken);
    });

    it('updateUser answers null for a user that does not exist', async () => {
      expect(await store().updateUser(missingId(), { fullName: 'Nobody', updatedAt: aTime() })).toBeNull();
    });

    it('countMembershipsOfUser counts organizations in any status', async () => {
      const first = await seedOrganization(store());
      const second = await seedOrganization(store());
      const { user } = await seedMember(store(), first.id, { status: 'active' });
      await store().insertMembership(aMembership({ organizationId: second.id, userId: user.id, role: 'admin' }));
      const loner = await seedUser(store());

      expect(await store().countMembershipsOfUser(user.id)).toBe(2);
      await store().updateMembership(second.id, user.id, { status: 'disabled', updatedAt: aTime(1) });
      expect(await store().countMembershipsOfUser(user.id)).toBe(2);
      expect(await store().countMembershipsOfUser(loner.id)).toBe(0);
      expect(await store().countMembershipsOfUser(missingId())).toBe(0);
    });

    it('copies records in and out', async () => {
      const user = aUser({ fullName: 'Original' });
      const snapshot = structuredClone(user);
      await store().ensureUser(user);

      user.fullName = 'Mutated after insert';
      user.createdAt.setTime(0);
      const read = await store().getUser(user.id);
      expect(read).toEqual(snapshot);

      read!.fullName = 'Mutated after read';
      read!.updatedAt.setTime(0);
      expect(await store().getUser(snapshot.id)).toEqual(snapshot);
    });
  });
}
