/**
 * A host's `clock` and `invitationTtlMs` decide the times orgkit writes. Set
 * wrong, they must fail at startup (a TypeError); a clock that goes wrong
 * later must fail each call that reads it, before anything is written,
 * instead of storing a time that one store keeps and another refuses.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createOrgkit, isOrgkitError, type Orgkit, type OrgkitOptions } from '../../src/index.js';
import { memoryStore } from '../../src/memory.js';
import { MemoryMailer } from '../../src/testing/memory-mailer.js';
import { createHarness, DAY, type Harness, rejection, START, uniqueEmail } from '../support/harness.js';
import { STORES } from '../support/stores.js';

const YEAR = 365 * DAY;
/** The latest clock: its longest expiry is the last instant of 9999. */
const LATEST = new Date(Date.UTC(9998, 11, 31, 23, 59, 59, 999));

/** What a clock may answer that is not a time orgkit can write. */
const BAD_TIMES: Array<[string, unknown]> = [
  ['an Invalid Date', new Date(Number.NaN)],
  ['a date string', '2026-01-05T09:00:00.000Z'],
  ['a number', START.getTime()],
  ['null', null],
  ['an object posing as a Date', { getTime: () => START.getTime(), [Symbol.toStringTag]: 'Date' }],
  ['a time before 1970', new Date(-1)],
  ['a time in 9999, too late for the longest expiry', new Date(Date.UTC(9999, 0, 1))],
  ['the year 10000', new Date(Date.UTC(10_000, 0, 1))],
  ['the latest Date', new Date(8.64e15)],
];

type Call = (orgkit: Orgkit, owner: { userId: string; organizationId: string }) => Promise<unknown>;

/** Calls that read the clock, each at a different service. */
const CLOCK_READERS: Array<[string, Call]> = [
  [
    'organizations.create',
    (o) => o.organizations.create({ name: 'B', owner: { email: uniqueEmail(), fullName: 'B' } }),
  ],
  ['organizations.update', (o, owner) => o.organizations.update(owner, { name: 'Renamed' })],
  ['invitations.create', (o, owner) => o.invitations.create(owner, { email: uniqueEmail(), role: 'user' })],
  ['members.update', (o, owner) => o.members.update(owner, owner.userId, { fullName: 'Renamed' })],
  ['projects.create', (o, owner) => o.projects.create(owner, { name: 'Bots' })],
];

describe('createOrgkit refuses a bad clock or TTL with a TypeError', () => {
  const options = (override: Partial<OrgkitOptions>): OrgkitOptions => ({
    store: memoryStore(),
    mailer: new MemoryMailer(),
    acceptUrl: (token) => `/accept#${token}`,
    confirmEmailUrl: (token) => `/confirm-email#${token}`,
    ...override,
  });

  it.each([
    ['one millisecond over 365 days', YEAR + 1],
    ['1e15 ms', 1e15],
    ['the whole Date range', 8.64e15],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('invitationTtlMs of %s', (_, invitationTtlMs) => {
    expect(() => createOrgkit(options({ invitationTtlMs }))).toThrow(/invitationTtlMs.*365 days/);
  });

  it('accepts an invitationTtlMs of exactly 365 days', () => {
    expect(() => createOrgkit(options({ invitationTtlMs: YEAR }))).not.toThrow();
  });

  it.each(BAD_TIMES)('a clock answering %s', (_, now) => {
    expect(() => createOrgkit(options({ clock: () => now as Date }))).toThrow(TypeError);
  });

  it('a clock that throws', () => {
    const clock = () => {
      throw new Error('no time source');
    };
    expect(() => createOrgkit(options({ clock }))).toThrow(/`clock` threw/);
  });

  it.each([
    ['1970-01-01', new Date(0)],
    ['9998-12-31T23:59:59.999Z', LATEST],
  ])('accepts a clock at %s', (_, now) => {
    expect(() => createOrgkit(options({ clock: () => now }))).not.toThrow();
  });
});

for (const factory of STORES) {
  describe(`clock and TTL: ${factory.name}`, () => {
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it.each(BAD_TIMES)('a clock that turns to %s fails each call with VALIDATION_FAILED at clock', async (_, bad) => {
      let now: unknown = START;
      h = await createHarness(factory, { clock: () => now as Date });
      const { organization, owner } = await h.orgkit.organizations.create({
        name: 'Acme',
        owner: { email: uniqueEmail(), fullName: 'Olivia Owner' },
      });
      const actor = { userId: owner.userId, organizationId: organization.id };
      const events = h.events.length;
      now = bad;

      for (const [name, call] of CLOCK_READERS) {
        const error = await rejection(call(h.orgkit, actor));
        expect(isOrgkitError(error, 'VALIDATION_FAILED'), `${name}: ${error.message}`).toBe(true);
        expect(error.details?.issues).toEqual([
          { path: ['clock'], code: 'invalid_clock', message: expect.any(String) },
        ]);
      }

      now = START;
      expect(h.events.length).toBe(events);
      expect(await h.orgkit.organizations.get(actor)).toEqual(organization);
      expect(await h.orgkit.projects.list(actor)).toEqual([]);
      expect((await h.orgkit.invitations.list(actor)).items).toEqual([]);
      expect((await h.orgkit.members.get(actor, actor.userId)).fullName).toBe('Olivia Owner');
    });

    it('the last instant plus the longest TTL still makes, lists and accepts an invitation', async () => {
      h = await createHarness(factory, { clock: () => LATEST, invitationTtlMs: YEAR });
      const { organization, owner } = await h.orgkit.organizations.create({
        name: 'Acme',
        owner: { email: uniqueEmail(), fullName: 'Olivia Owner' },
      });
      const actor = { userId: owner.userId, organizationId: organization.id };
      const email = uniqueEmail('late');
      const invitation = await h.orgkit.invitations.create(actor, { email, role: 'user' });
      expect(invitation.expiresAt).toEqual(new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)));

      const token = h.mailer.tokenFor(email)!;
      expect((await h.orgkit.invitations.preview(token)).expiresAt).toEqual(invitation.expiresAt);
      const page = await h.orgkit.invitations.list(actor, { limit: 1 });
      expect(page.items.map((item) => item.id)).toEqual([invitation.id]);
      const { member } = await h.orgkit.invitations.accept({ token, fullName: 'Late Comer' });
      expect(member.createdAt).toEqual(LATEST);
      const members = await h.orgkit.members.list(actor, { limit: 1 });
      await expect(h.orgkit.members.list(actor, { cursor: members.nextCursor! })).resolves.toHaveProperty('items');
    });
  });
}
