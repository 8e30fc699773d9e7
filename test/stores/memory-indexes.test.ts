/**
 * The memory store's indexes (members in keyset order, the active-owner
 * count, the trigram index of names and emails) against a plain model:
 * whatever the writes and rollbacks, a page is what sorting and filtering
 * every member would give.
 */
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/store/memory/memory-store.js';
import { compareEntries, type KeysetEntry, SortedKeysets } from '../../src/store/memory/sorted-keysets.js';
import type { MemberStatus } from '../../src/store/records.js';
import type { MemberQuery, Store } from '../../src/store/store.js';
import { aMembership, anOrganization, aTime, aUser } from '../../src/testing/fixtures.js';

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('SortedKeysets', () => {
  it('keeps entries in keyset order through inserts and deletes across many chunks', () => {
    const next = random(7);
    const set = new SortedKeysets();
    let model: KeysetEntry[] = [];
    for (let step = 0; step < 6000; step += 1) {
      if (model.length > 0 && next() < 0.3) {
        const victim = model[Math.floor(next() * model.length)]!;
        expect(set.delete(victim)).toBe(true);
        model = model.filter((entry) => entry !== victim);
      } else {
        // Few distinct times, so ties on `at` are broken by id.
        const entry = { at: Math.floor(next() * 50), id: `u${Math.floor(next() * 1e9)}` };
        if (model.some((existing) => compareEntries(existing, entry) === 0)) continue;
        set.insert(entry);
        model.push(entry);
      }
    }
    model.sort(compareEntries);
    expect(set.size).toBe(model.length);
    expect(set.delete({ at: -1, id: 'absent' })).toBe(false);

    const walked: KeysetEntry[] = [];
    set.walk(undefined, (entry) => walked.push(entry) > 0);
    expect(walked).toEqual(model);
    for (const cursor of [
      model[0]!,
      model[1234]!,
      model[model.length - 1]!,
      { at: 25, id: 'u5' },
      { at: 99, id: '' },
    ]) {
      const after: KeysetEntry[] = [];
      set.walk(cursor, (entry) => after.push(entry) < 10);
      expect(after).toEqual(model.filter((entry) => compareEntries(entry, cursor) > 0).slice(0, 10));
    }
  });
});

interface ModelMember {
  userId: string;
  createdAt: Date;
  role: string;
  status: MemberStatus;
  fullName: string;
  email: string;
}

const NAMES = ['Ada Lovelace', 'Ädä Lövelace', 'ÉMILE Zola', 'Grace Hopper', 'grace', 'İlhan', 'a_b%c', 'Zoë'];

function expected(model: Map<string, ModelMember>, query: MemberQuery): string[] {
  const needle = query.search?.toLowerCase();
  return [...model.values()]
    .filter((m) => query.role === undefined || m.role === query.role)
    .filter((m) => query.status === undefined || m.status === query.status)
    .filter(
      (m) =>
        needle === undefined || m.fullName.toLowerCase().includes(needle) || m.email.toLowerCase().includes(needle),
    )
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.userId < b.userId ? -1 : 1))
    .filter(
      (m) =>
        query.after === undefined ||
        m.createdAt.getTime() > query.after.createdAt.getTime() ||
        (m.createdAt.getTime() === query.after.createdAt.getTime() && m.userId > query.after.id),
    )
    .slice(0, query.limit)
    .map((m) => m.userId);
}

async function check(store: Store, organizationId: string, model: Map<string, ModelMember>, next: () => number) {
  const owners = [...model.values()].filter((m) => m.role === 'owner' && m.status === 'active').length;
  expect(await store.countActiveOwners(organizationId)).toBe(owners);
  const members = [...model.values()];
  const somebody = members[Math.floor(next() * members.length)];
  const terms = [
    '',
    'a',
    'Ä',
    'gr',
    'GRACE',
    'ace',
    'ö',
    '_b%',
    'zoë',
    'i̇l',
    'nobody-here',
    'example',
    'love',
    'q',
    'zz',
  ];
  for (const member of [somebody, members[0], members[members.length - 1]]) {
    // Rare terms (a few characters of a uuid) take the index; common ones the walk.
    if (member !== undefined) terms.push(member.email.slice(5, 8), member.email.slice(5, 12).toUpperCase());
  }
  if (somebody !== undefined) terms.push(somebody.fullName.slice(1, 4));
  for (const search of terms) {
    for (const filters of [{}, { role: 'owner' }, { status: 'disabled' as const }]) {
      const query: MemberQuery = { organizationId, limit: 1 + Math.floor(next() * 6), ...filters };
      if (search !== '' || next() < 0.5) query.search = search;
      if (somebody !== undefined && next() < 0.5) query.after = { createdAt: somebody.createdAt, id: somebody.userId };
      const page = await store.listMembers(query);
      expect(
        page.map((member) => member.userId),
        JSON.stringify(query),
      ).toEqual(expected(model, query));
    }
  }
}

describe('memory store indexes', () => {
  it('answers pages, searches and owner counts as a scan would, through updates, deletes and rollbacks', async () => {
    const next = random(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const store = memoryStore();
    const organization = anOrganization();
    await store.insertOrganization(organization);
    const model = new Map<string, ModelMember>();

    for (let round = 0; round < 60; round += 1) {
      const rollback = next() < 0.3;
      const changes = new Map(model);
      await store
        .transaction(async (tx) => {
          for (let step = 0; step < 8; step += 1) {
            const existing = [...changes.values()];
            const action = existing.length === 0 ? 0 : Math.floor(next() * 4);
            if (action === 0) {
              const user = aUser({ fullName: pick(NAMES) });
              const membership = aMembership({
                organizationId: organization.id,
                userId: user.id,
                role: pick(['owner', 'admin', 'user']),
                status: pick(['active', 'disabled'] as const),
                createdAt: aTime(Math.floor(next() * 20) * 1000),
              });
              await tx.ensureUser(user);
              await tx.insertMembership(membership);
              changes.set(user.id, { ...membership, fullName: user.fullName, email: user.email });
            } else {
              const target = pick(existing);
              if (action === 1) {
                const patch = { role: pick(['owner', 'user']), status: pick(['active', 'disabled'] as const) };
                await tx.updateMembership(organization.id, target.userId, { ...patch, updatedAt: aTime() });
                changes.set(target.userId, { ...target, ...patch });
              } else if (action === 2) {
                const fullName = pick(NAMES);
                await tx.updateUser(target.userId, { fullName, updatedAt: aTime() });
                changes.set(target.userId, { ...target, fullName });
              } else {
                await tx.deleteMembership(organization.id, target.userId);
                changes.delete(target.userId);
              }
            }
          }
          if (rollback) throw new Error('roll back');
        })
        .catch((error: unknown) => {
          if (!rollback) throw error;
        });
      if (!rollback) {
        model.clear();
        for (const [id, member] of changes) model.set(id, member);
      }
      await check(store, organization.id, model, next);
    }
  });

  it('keeps the active-owner count of a rolled-back transaction as it was', async () => {
    const store = memoryStore();
    const organization = anOrganization();
    const owner = aUser();
    await store.insertOrganization(organization);
    await store.ensureUser(owner);
    await store.insertMembership(aMembership({ organizationId: organization.id, userId: owner.id, role: 'owner' }));

    const second = aUser();
    const attempt = store.transaction(async (tx) => {
      await tx.ensureUser(second);
      await tx.insertMembership(aMembership({ organizationId: organization.id, userId: second.id, role: 'owner' }));
      await tx.updateMembership(organization.id, owner.id, { status: 'disabled', updatedAt: aTime() });
      expect(await tx.countActiveOwners(organization.id)).toBe(1);
      await tx.deleteMembership(organization.id, second.id);
      expect(await tx.countActiveOwners(organization.id)).toBe(0);
      throw new Error('roll back');
    });

    await expect(attempt).rejects.toThrow('roll back');
    expect(await store.countActiveOwners(organization.id)).toBe(1);
    await store.deleteOrganization(organization.id);
    expect(await store.countActiveOwners(organization.id)).toBe(0);
  });

  it('still finds members by their current name after many renames rebuild the search index', async () => {
    const store = memoryStore();
    const organization = anOrganization();
    const user = aUser();
    await store.insertOrganization(organization);
    await store.ensureUser(user);
    await store.insertMembership(aMembership({ organizationId: organization.id, userId: user.id }));
    const query = (search: string) =>
      store
        .listMembers({ organizationId: organization.id, search, limit: 5 })
        .then((page) => page.map((m) => m.userId));

    // Each name brings about 60 new trigrams, so the stale ones pass the rebuild threshold.
    for (let i = 0; i < 2000; i += 1) {
      await store.updateUser(user.id, {
        fullName: `${i} ${'abcdefghijklmnopqrstuvwxyz'.repeat(2)} ${i}`,
        updatedAt: aTime(),
      });
    }
    await store.updateUser(user.id, { fullName: 'Charles Babbage', updatedAt: aTime() });

    expect(await query('babbage')).toEqual([user.id]);
    expect(await query('1999 abc')).toEqual([]);
  });
});
