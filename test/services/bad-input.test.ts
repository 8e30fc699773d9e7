/**
 * Bad input at every public entry point gets VALIDATION_FAILED, says which
 * field, and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Orgkit } from '../../src/index.js';
import { addMember, rejection, seedOrganization, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

type Call = (
  orgkit: Orgkit,
  ids: { owner: { userId: string; organizationId: string }; userId: string },
) => Promise<unknown>;

const loose = (value: unknown) => value as never;
const LONG = 'x'.repeat(201);

const CASES: Array<[string, string, Call]> = [
  ['create: no owner', 'owner', (o) => o.organizations.create(loose({ name: 'X' }))],
  [
    'create: malformed email',
    'owner.email',
    (o) => o.organizations.create({ name: 'X', owner: { email: 'a@', fullName: 'A' } }),
  ],
  [
    'create: unknown field',
    '',
    (o) => o.organizations.create(loose({ name: 'X', plan: 'pro', owner: { email: 'a@b.co', fullName: 'A' } })),
  ],
  [
    'create: over-long name',
    'name',
    (o) => o.organizations.create({ name: LONG, owner: { email: 'a@b.co', fullName: 'A' } }),
  ],
  [
    'create: blank name',
    'name',
    (o) => o.organizations.create({ name: '   ', owner: { email: 'a@b.co', fullName: 'A' } }),
  ],
  ['actor: missing organizationId', 'organizationId', (o, { userId }) => o.organizations.get(loose({ userId }))],
  ['actor: number id', 'userId', (o, { owner }) => o.organizations.get(loose({ ...owner, userId: 42 }))],
  [
    'update: settings not an object',
    'settings',
    (o, { owner }) => o.organizations.update(owner, loose({ settings: 'dark' })),
  ],
  [
    'updateMember: padded role',
    'role',
    (o, { owner, userId }) => o.members.update(owner, userId, loose({ role: ' owner' })),
  ],
  [
    'updateMember: capitalized role',
    'role',
    (o, { owner, userId }) => o.members.update(owner, userId, loose({ role: 'Owner' })),
  ],
  [
    'updateMember: unknown role',
    'role',
    (o, { owner, userId }) => o.members.update(owner, userId, loose({ role: 'superuser' })),
  ],
  [
    'updateMember: status is not editable here',
    '',
    (o, { owner, userId }) => o.members.update(owner, userId, loose({ status: 'disabled' })),
  ],
  [
    'updateMember: bad timezone',
    'timezone',
    (o, { owner, userId }) => o.members.update(owner, userId, { timezone: 'Europe/Atlantis' }),
  ],
  [
    'updateMember: control characters in name',
    'fullName',
    (o, { owner, userId }) => o.members.update(owner, userId, { fullName: 'Eve\u0000' }),
  ],
  [
    'updateMember: over-long name',
    'fullName',
    (o, { owner, userId }) => o.members.update(owner, userId, { fullName: LONG }),
  ],
  [
    'setMemberStatus: unknown status',
    '',
    (o, { owner, userId }) => o.members.setStatus(owner, userId, loose('suspended')),
  ],
  [
    'setMemberStatus: capitalized status',
    '',
    (o, { owner, userId }) => o.members.setStatus(owner, userId, loose('Disabled')),
  ],
  ['listMembers: limit 0', 'limit', (o, { owner }) => o.members.list(owner, { limit: 0 })],
  ['listMembers: fractional limit', 'limit', (o, { owner }) => o.members.list(owner, { limit: 1.5 })],
  [
    'invite: role with whitespace',
    'role',
    (o, { owner }) => o.invitations.create(owner, loose({ email: 'n@example.test', role: 'admin ' })),
  ],
  [
    'invite: malformed email',
    'email',
    (o, { owner }) => o.invitations.create(owner, { email: 'not an email', role: 'user' }),
  ],
  [
    'invite: projectIds not an array',
    'projectIds',
    (o, { owner }) => o.invitations.create(owner, loose({ email: 'n@example.test', role: 'user', projectIds: 'p1' })),
  ],
  ['accept: no token', 'token', (o) => o.invitations.accept(loose({ fullName: 'A' }))],
  ['accept: bad timezone', 'timezone', (o) => o.invitations.accept({ token: 't', fullName: 'A', timezone: 'UTC+1' })],
  ['project: empty name', 'name', (o, { owner }) => o.projects.create(owner, { name: '' })],
  ['rename: name not a string', '', (o, { owner }) => o.projects.rename(owner, 'p', loose(5))],
  ['removeMember: empty user id', '', (o, { owner }) => o.members.remove(owner, '')],
];

for (const factory of STORES) {
  describe(`bad input: ${factory.name}`, () => {
    // One store for every cell: each cell seeds an organization of its own, and
    // a fresh store per cell would make this file the slowest of the suite.
    const h = useHarness(factory, { shared: true });

    it.each(CASES)('%s', async (_, path, call) => {
      const { owner } = await seedOrganization(h);
      const { actor } = await addMember(h, owner, 'user');
      const member = await h.orgkit.members.get(owner, actor.userId);
      const events = h.events.length;

      const error = await rejection(call(h.orgkit, { owner, userId: actor.userId }));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const issues = error.details?.issues as Array<{ path: string[] }>;
      expect(issues.length).toBeGreaterThan(0);
      if (path) expect(issues.map((issue) => issue.path.join('.'))).toContain(path);

      expect(h.events.length).toBe(events);
      await expect(h.orgkit.members.get(owner, actor.userId)).resolves.toEqual(member);
      expect((await h.orgkit.invitations.list(owner)).items.filter((i) => i.status === 'pending')).toHaveLength(0);
    });
  });
}
