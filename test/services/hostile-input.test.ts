/**
 * Input an attacker can send that one store would take and another refuse
 * (NUL, lone surrogates, times outside what Postgres holds), or that would
 * throw a RangeError or TypeError instead of answering (deep or cyclic
 * settings, megabyte names, huge arrays). Every store must answer
 * VALIDATION_FAILED at the same path, change nothing, and never fail with
 * STORE_FAILURE or a plain JavaScript error.
 */
import { describe, expect, it } from 'vitest';
import { isOrgkitError, type Orgkit } from '../../src/index.js';
import { encodeCursor } from '../../src/services/cursor.js';
import { addMember, rejection, seedOrganization, uniqueEmail, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

type Actor = { userId: string; organizationId: string };
type Call = (orgkit: Orgkit, ids: { owner: Actor; userId: string; projectId: string }) => Promise<unknown>;

const loose = (value: unknown) => value as never;
const cursor = (millis: number, id: string) => Buffer.from(JSON.stringify([millis, id])).toString('base64url');
const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { v: value };
  return value;
};
const cyclic = () => {
  const settings: Record<string, unknown> = { theme: 'dark' };
  settings.self = { back: settings };
  return settings;
};
const sparse = (length: number) => Object.assign([], { length });
const HUGE_NAME = '😀'.repeat(2_500_000);
const YEAR_10000 = Date.UTC(10_000, 0, 1);

/** [what, the path the issue is at or under, the call, a message the issue must match]. */
const ATTACKS: Array<[string, string, Call, RegExp?]> = [
  ['id with NUL', '', (o, { owner }) => o.members.get(owner, 'a\u0000b')],
  ['id with a lone surrogate', '', (o, { owner }) => o.members.get(owner, 'a\ud800')],
  ['id with a bidi override', '', (o, { owner }) => o.projects.get(owner, '\u202etxt.exe')],
  ['id with a line separator', '', (o, { owner }) => o.invitations.revoke(owner, 'i\u2028d')],
  ['id with leading whitespace', '', (o, { owner, userId }) => o.members.setStatus(owner, ` ${userId}`, 'disabled')],
  ['id with trailing newline', '', (o, { owner, userId }) => o.members.remove(owner, `${userId}\n`)],
  ['actor userId with NUL', 'userId', (o, { owner }) => o.organizations.get({ ...owner, userId: 'u\u0000' })],
  [
    'actor organizationId, lone surrogate',
    'organizationId',
    (o, { owner }) => o.audit.list({ ...owner, organizationId: 'o\udc00' }),
  ],
  ['listForUser with NUL', '', (o) => o.organizations.listForUser('u\u0000')],
  ['assign with NUL project', '', (o, { owner, userId }) => o.projects.assign(owner, 'p\u0000', userId)],
  [
    'invite: project id with NUL',
    'projectIds.0',
    (o, { owner }) => o.invitations.create(owner, { email: uniqueEmail(), role: 'user', projectIds: ['p\u0000'] }),
  ],
  [
    'authorize: project id with NUL',
    'projectId',
    (o, { owner }) => o.authorize(owner, 'projects:read', { projectId: 'p\u0000' }),
  ],
  ['search with NUL', 'search', (o, { owner }) => o.members.list(owner, { search: 'ada\u0000' })],
  ['search with a lone surrogate', 'search', (o, { owner }) => o.members.list(owner, { search: '\udfff' })],
  ['search of megabytes', 'search', (o, { owner }) => o.members.list(owner, { search: HUGE_NAME })],
  ['cursor with NUL in it', 'cursor', (o, { owner }) => o.members.list(owner, { cursor: `${cursor(1, 'x')}\u0000` })],
  ['cursor whose id has NUL', 'cursor', (o, { owner }) => o.members.list(owner, { cursor: cursor(1, 'a\u0000') })],
  [
    'cursor whose id is a lone surrogate',
    'cursor',
    (o, { owner }) => o.invitations.list(owner, { cursor: cursor(1, '\ud800') }),
  ],
  ['cursor at the earliest Date', 'cursor', (o, { owner }) => o.audit.list(owner, { cursor: cursor(-8.64e15, 'x') })],
  ['cursor before 1970', 'cursor', (o, { owner }) => o.members.list(owner, { cursor: cursor(-1, 'x') })],
  [
    'cursor at the latest Date',
    'cursor',
    (o, { owner }) => o.invitations.list(owner, { cursor: cursor(8.64e15, 'x') }),
  ],
  ['cursor in the year 10000', 'cursor', (o, { owner }) => o.audit.list(owner, { cursor: cursor(YEAR_10000, 'x') })],
  [
    'settings: NUL in a value',
    'settings.motto',
    (o, { owner }) => o.organizations.update(owner, { settings: { motto: 'a\u0000' } }),
  ],
  [
    'settings: NUL in a key',
    'settings.a\u0000',
    (o, { owner }) => o.organizations.update(owner, { settings: { 'a\u0000': 1 } }),
  ],
  [
    'settings: lone surrogate deep inside',
    'settings.ui.tabs.1',
    (o, { owner }) => o.organizations.update(owner, { settings: { ui: { tabs: ['ok', 'x\ud83d'] } } }),
  ],
  [
    'settings: lone surrogate in a nested key',
    'settings.ui.\udc00',
    (o, { owner }) => o.organizations.update(owner, { settings: { ui: { '\udc00': true } } }),
  ],
  [
    'settings nested 50,000 deep',
    'settings',
    (o, { owner }) => o.organizations.update(owner, { settings: loose({ a: nested(50_000) }) }),
    /32 levels/,
  ],
  [
    'settings nested 33 deep',
    'settings',
    (o, { owner }) => o.organizations.update(owner, { settings: loose({ a: nested(32) }) }),
    /32 levels/,
  ],
  [
    'cyclic settings',
    'settings',
    (o, { owner }) => o.organizations.update(owner, { settings: loose(cyclic()) }),
    /cycle/,
  ],
  [
    'settings: array of 2^32 - 1 holes',
    'settings',
    (o, { owner }) => o.organizations.update(owner, { settings: loose({ a: sparse(2 ** 32 - 1) }) }),
    /16 KiB/,
  ],
  [
    'organization name of megabytes',
    'name',
    (o) => o.organizations.create({ name: HUGE_NAME, owner: { email: uniqueEmail(), fullName: 'A' } }),
  ],
  [
    'owner name of megabytes',
    'owner.fullName',
    (o) => o.organizations.create({ name: 'A', owner: { email: uniqueEmail(), fullName: 'x'.repeat(20_000_000) } }),
  ],
  ['renamed organization of megabytes', 'name', (o, { owner }) => o.organizations.update(owner, { name: HUGE_NAME })],
  ['project name of megabytes', 'name', (o, { owner }) => o.projects.create(owner, { name: HUGE_NAME })],
  ['project rename of megabytes', '', (o, { owner, projectId }) => o.projects.rename(owner, projectId, HUGE_NAME)],
  [
    'member name of megabytes',
    'fullName',
    (o, { owner, userId }) => o.members.update(owner, userId, { fullName: HUGE_NAME }),
  ],
  ['accept with a name of megabytes', 'fullName', (o) => o.invitations.accept({ token: 't', fullName: HUGE_NAME })],
  [
    'email of megabytes',
    'email',
    (o, { owner }) => o.invitations.create(owner, { email: `${'a'.repeat(5_000_000)}@x.test`, role: 'user' }),
  ],
  [
    'a million project ids',
    'projectIds',
    (o, { owner, projectId }) =>
      o.invitations.create(owner, { email: uniqueEmail(), role: 'user', projectIds: Array(1_000_000).fill(projectId) }),
  ],
  [
    'project ids of 2^32 - 1 holes',
    'projectIds',
    (o, { owner }) =>
      o.invitations.create(owner, { email: uniqueEmail(), role: 'user', projectIds: sparse(2 ** 32 - 1) }),
  ],
];

/** Input every store must answer alike, and not with STORE_FAILURE: any printable id is an id. */
const UNUSUAL_BUT_VALID: Array<[string, string, Call]> = [
  ['a Japanese id with a space', 'NOT_FOUND', (o, { owner }) => o.members.get(owner, 'ユーザー 42')],
  ['an emoji id', 'NOT_FOUND', (o, { owner }) => o.projects.get(owner, '😀')],
  ['a replacement character id', 'NOT_FOUND', (o, { owner }) => o.invitations.revoke(owner, '\ufffd')],
  // A token is only ever hashed: whatever it holds, it is a token that matches nothing.
  ['a token with NUL and a lone surrogate', 'INVITATION_INVALID', (o) => o.invitations.preview('t\u0000\ud800')],
  [
    'a host user id as actor',
    'UNAUTHENTICATED',
    (o, { owner }) => o.organizations.get({ ...owner, userId: 'auth0|5f1c 9' }),
  ],
];

for (const factory of STORES) {
  describe(`hostile input: ${factory.name}`, () => {
    const h = useHarness(factory, { shared: true });

    async function seed() {
      const { owner } = await seedOrganization(h);
      const { actor } = await addMember(h, owner, 'user');
      const project = await h.orgkit.projects.create(owner, { name: 'Bots' });
      const ids = { owner, userId: actor.userId, projectId: project.id };
      const snapshot = async () => ({
        organization: await h.orgkit.organizations.get(owner),
        member: await h.orgkit.members.get(owner, actor.userId),
        projects: await h.orgkit.projects.list(owner),
        invitations: (await h.orgkit.invitations.list(owner)).items,
        events: h.events.length,
      });
      return { ids, before: await snapshot(), snapshot };
    }

    it.each(ATTACKS)('%s: VALIDATION_FAILED, nothing changed', async (_, path, call, message) => {
      const { ids, before, snapshot } = await seed();

      const error = await rejection(call(h.orgkit, ids));
      expect(isOrgkitError(error), `${(error as Error).name}: ${error.message}`).toBe(true);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      const issues = error.details?.issues as Array<{ path: string[]; message: string }>;
      const issue = issues.find(({ path: at }) => at.join('.') === path || at.join('.').startsWith(`${path}.`));
      expect(issue, JSON.stringify(issues)).toBeDefined();
      if (message) expect(issue?.message).toMatch(message);
      expect(error.message.length).toBeLessThan(2_000);

      expect(await snapshot()).toEqual(before);
    });

    it.each(UNUSUAL_BUT_VALID)('%s: %s', async (_, code, call) => {
      const { ids } = await seed();
      expect(await rejection(call(h.orgkit, ids))).toMatchObject({ code });
    });

    it('lists from a cursor at the first and the last instant every store holds', async () => {
      const { ids } = await seed();
      for (const millis of [0, Date.UTC(9999, 11, 31, 23, 59, 59, 999)]) {
        const position = encodeCursor({ createdAt: new Date(millis), id: 'ユーザー 😀' });
        await expect(h.orgkit.members.list(ids.owner, { cursor: position })).resolves.toHaveProperty('items');
        await expect(h.orgkit.audit.list(ids.owner, { cursor: position })).resolves.toHaveProperty('items');
        await expect(h.orgkit.invitations.list(ids.owner, { cursor: position })).resolves.toHaveProperty('items');
      }
    });

    it('stores and answers back settings at every limit', async () => {
      const { ids } = await seed();
      const settings = {
        text: 'line\nbreak\ttab \u0001 \u007f \u200b \u202e \ufeff',
        emoji: '👨\u200d👩\u200d👧 😀',
        ключ: 'значение',
        deep: nested(31, 'leaf'),
        numbers: [0, -1.5, 1e300, Number.MAX_SAFE_INTEGER],
        nothing: null,
      };
      const updated = await h.orgkit.organizations.update(ids.owner, { settings: loose(settings) });
      expect(updated.settings).toEqual(settings);
      expect((await h.orgkit.organizations.get(ids.owner)).settings).toEqual(settings);
    });

    it('searches members by any printable term', async () => {
      const { ids } = await seed();
      for (const search of ['Zoë 李', 'می\u200cخواهم', '😀', '%_\\']) {
        await expect(h.orgkit.members.list(ids.owner, { search })).resolves.toEqual({ items: [], nextCursor: null });
      }
    });
  });
}
