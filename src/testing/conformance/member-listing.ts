import { describe, expect, it } from 'vitest';
import { newId } from '../../services/ids.js';
import type { MemberQuery } from '../../store/store.js';
import { aTime } from '../fixtures.js';
import {
  byCreatedThenId,
  missingId,
  outOfOrder,
  type StoreSource,
  seedMember,
  seedNamedMembers,
  seedOrganization,
  sortedIds,
} from './support.js';

export function describeMemberListing(store: StoreSource): void {
  describe('listMembers', () => {
    /** Five members, three sharing one createdAt, inserted out of order. */
    async function seedFive(organizationId: string) {
      const tiedIds = outOfOrder(sortedIds(3));
      const specs = [
        { id: newId(), createdAt: aTime(2_000), role: 'user' as const },
        ...tiedIds.map((id, index) => ({ id, createdAt: aTime(1_000), role: index === 1 ? 'admin' : 'user' })),
        { id: newId(), createdAt: aTime(0), role: 'owner' },
      ];
      const seeded = [];
      for (const spec of specs) {
        const { user, membership } = await seedMember(store(), organizationId, {
          role: spec.role,
          createdAt: spec.createdAt,
          user: { id: spec.id },
        });
        seeded.push({ userId: user.id, createdAt: membership.createdAt, role: membership.role });
      }
      return seeded.sort(byCreatedThenId((row) => row.userId)).map((row) => row.userId);
    }

    async function listAll(query: Omit<MemberQuery, 'limit' | 'after'>, pageSize: number) {
      const pages: string[][] = [];
      let after: MemberQuery['after'];
      for (;;) {
        const page = await store().listMembers({ ...query, limit: pageSize, ...(after ? { after } : {}) });
        expect(page.length).toBeLessThanOrEqual(pageSize);
        if (page.length === 0) break;
        pages.push(page.map((member) => member.userId));
        const last = page.at(-1)!;
        after = { createdAt: last.createdAt, id: last.userId };
        if (pages.length > 20) throw new Error('listMembers never reached the end');
      }
      return pages;
    }

    it('lists members by createdAt, then userId, ascending', async () => {
      const organization = await seedOrganization(store());
      const expected = await seedFive(organization.id);

      const members = await store().listMembers({ organizationId: organization.id, limit: 50 });

      expect(members.map((member) => member.userId)).toEqual(expected);
    });

    it('pages with a keyset across ties on createdAt, without skipping or repeating', async () => {
      const organization = await seedOrganization(store());
      const expected = await seedFive(organization.id);

      const pages = await listAll({ organizationId: organization.id }, 2);

      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual(expected);
    });

    it('answers members strictly after the keyset position', async () => {
      const organization = await seedOrganization(store());
      const expected = await seedFive(organization.id);
      const members = await store().listMembers({ organizationId: organization.id, limit: 50 });
      const tieMiddle = members[2]!;

      const rest = await store().listMembers({
        organizationId: organization.id,
        limit: 50,
        after: { createdAt: tieMiddle.createdAt, id: tieMiddle.userId },
      });

      expect(rest.map((member) => member.userId)).toEqual(expected.slice(3));
    });

    it('honours limit and lists only the organization’s members', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const expected = await seedFive(organization.id);
      await seedMember(store(), other.id, { createdAt: aTime(-1) });

      const first = await store().listMembers({ organizationId: organization.id, limit: 3 });

      expect(first.map((member) => member.userId)).toEqual(expected.slice(0, 3));
      expect(await store().listMembers({ organizationId: missingId(), limit: 10 })).toEqual([]);
    });

    it('filters by role and by status, also while paging', async () => {
      const organization = await seedOrganization(store());
      const owner = await seedMember(store(), organization.id, { role: 'owner', createdAt: aTime(1) });
      const activeAdmin = await seedMember(store(), organization.id, { role: 'admin', createdAt: aTime(2) });
      const disabledAdmin = await seedMember(store(), organization.id, {
        role: 'admin',
        status: 'disabled',
        createdAt: aTime(3),
      });
      const laterAdmin = await seedMember(store(), organization.id, { role: 'admin', createdAt: aTime(4) });
      const userIds = (rows: Array<{ userId: string }>) => rows.map((row) => row.userId);
      const list = (query: Partial<MemberQuery>) =>
        store().listMembers({ organizationId: organization.id, limit: 50, ...query });

      expect(userIds(await list({ role: 'admin' }))).toEqual([
        activeAdmin.user.id,
        disabledAdmin.user.id,
        laterAdmin.user.id,
      ]);
      expect(userIds(await list({ status: 'disabled' }))).toEqual([disabledAdmin.user.id]);
      expect(userIds(await list({ role: 'admin', status: 'active' }))).toEqual([
        activeAdmin.user.id,
        laterAdmin.user.id,
      ]);
      expect(await list({ role: 'user' })).toEqual([]);
      expect(userIds(await list({ role: 'owner', status: 'active' }))).toEqual([owner.user.id]);

      const pages = await listAll({ organizationId: organization.id, role: 'admin', status: 'active' }, 1);
      expect(pages).toEqual([[activeAdmin.user.id], [laterAdmin.user.id]]);
    });

    describe('search', () => {
      const seedNamed = async (rows: Array<{ fullName: string; label?: string }>) =>
        (await seedNamedMembers(store(), rows)).search;

      it('matches a case-insensitive substring of the full name or the email', async () => {
        const search = await seedNamed([
          { fullName: 'Ada Lovelace', label: 'countess' },
          { fullName: 'Charles Babbage', label: 'engine' },
          { fullName: 'Grace Hopper', label: 'admiral' },
        ]);

        expect(await search('lovelace')).toEqual([0]);
        expect(await search('BABB')).toEqual([1]);
        expect(await search('aCe')).toEqual([0, 2]);
        expect(await search('ADMIRAL-')).toEqual([2]);
        expect(await search('@EXAMPLE.test')).toEqual([0, 1, 2]);
        expect(await search('nobody')).toEqual([]);
      });

      it('treats % and _ as themselves, not as wildcards', async () => {
        const search = await seedNamed([
          { fullName: '100% Ada' },
          { fullName: '100 Ada' },
          { fullName: 'snake_case' },
          { fullName: 'snakeXcase' },
          { fullName: 'a%b_c' },
        ]);

        expect(await search('%')).toEqual([0, 4]);
        expect(await search('0% a')).toEqual([0]);
        expect(await search('_')).toEqual([2, 4]);
        expect(await search('e_c')).toEqual([2]);
        expect(await search('A%B_C')).toEqual([4]);
        expect(await search('a_b')).toEqual([]);
      });

      it('treats a backslash as itself', async () => {
        const search = await seedNamed([{ fullName: 'back\\slash' }, { fullName: 'backslash' }, { fullName: 'x\\%y' }]);

        expect(await search('k\\s')).toEqual([0]);
        expect(await search('\\')).toEqual([0, 2]);
        expect(await search('\\%')).toEqual([2]);
      });

      it('combines with filters and the keyset', async () => {
        const organization = await seedOrganization(store());
        const match = (index: number, role: string) =>
          seedMember(store(), organization.id, { role, createdAt: aTime(index), user: { fullName: `Match ${index}` } });
        await match(1, 'admin');
        const second = await match(2, 'user');
        const third = await match(3, 'user');
        await seedMember(store(), organization.id, { role: 'user', createdAt: aTime(4), user: { fullName: 'Other' } });

        const page = await store().listMembers({
          organizationId: organization.id,
          search: 'match',
          role: 'user',
          limit: 1,
          after: { createdAt: second.membership.createdAt, id: second.user.id },
        });

        expect(page.map((member) => member.userId)).toEqual([third.user.id]);
      });
    });
  });
}
