import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { permissionMatrix } from '../../src/access/default-matrix.js';
import { OrgkitError } from '../../src/errors.js';
import {
  actorSchema,
  canonicalTimeZone,
  emailSchema,
  fullNameSchema,
  idSchema,
  limitSchema,
  settingsSchema,
  timezoneSchema,
} from '../../src/schemas/common.js';
import { createSchemas } from '../../src/schemas/inputs.js';
import { parse } from '../../src/schemas/parse.js';

const schemas = createSchemas(permissionMatrix.roles);

interface Issue {
  path: string[];
  code: string;
  message: string;
}

/** Parses and expects VALIDATION_FAILED; answers the issues from `details`. */
function rejects(schema: z.ZodType, input: unknown): Issue[] {
  let caught: unknown;
  try {
    parse(schema, input);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OrgkitError);
  const error = caught as OrgkitError<'VALIDATION_FAILED'>;
  expect(error.code).toBe('VALIDATION_FAILED');
  const issues: Issue[] = error.details.issues;
  expect(Array.isArray(issues)).toBe(true);
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(Array.isArray(issue.path)).toBe(true);
    expect(typeof issue.code).toBe('string');
    expect(typeof issue.message).toBe('string');
  }
  return issues;
}

const paths = (issues: Issue[]) => issues.map((issue) => issue.path.join('.'));

const validOrganization = {
  name: 'Acme',
  owner: { email: 'ada@acme.test', fullName: 'Ada Lovelace' },
};

describe('parse', () => {
  it('answers the parsed value on success', () => {
    expect(parse(schemas.createProject, { name: '  Bots  ' })).toEqual({ name: 'Bots' });
  });

  it('turns a zod failure into VALIDATION_FAILED with path, code and message per issue', () => {
    const issues = rejects(schemas.createOrganization, { name: 42, owner: { email: 'x', fullName: '' } });
    expect(paths(issues)).toEqual(expect.arrayContaining(['name', 'owner.email', 'owner.fullName']));
  });

  it('names the failing fields in the message', () => {
    expect(() => parse(schemas.createProject, { name: 7 })).toThrow(/name/);
  });
});

describe('wrong types', () => {
  it.each([
    ['a number for the organization name', schemas.createOrganization, { ...validOrganization, name: 42 }, 'name'],
    ['a missing owner', schemas.createOrganization, { name: 'Acme' }, 'owner'],
    ['a string owner', schemas.createOrganization, { name: 'Acme', owner: 'ada@acme.test' }, 'owner'],
    ['null input', schemas.createProject, null, ''],
    [
      'an array for projectIds',
      schemas.createInvitation,
      { email: 'a@b.test', role: 'user', projectIds: 'p1' },
      'projectIds',
    ],
    [
      'a number in projectIds',
      schemas.createInvitation,
      { email: 'a@b.test', role: 'user', projectIds: [1] },
      'projectIds.0',
    ],
    ['a string limit', schemas.listMembers, { limit: '50' }, 'limit'],
    ['a boolean search', schemas.listMembers, { search: true }, 'search'],
    ['an empty token', schemas.acceptInvitation, { token: '', fullName: 'Ada' }, 'token'],
    ['a numeric actor id', actorSchema, { userId: 1, organizationId: 'o' }, 'userId'],
    ['an empty actor id', actorSchema, { userId: '', organizationId: 'o' }, 'userId'],
  ])('rejects %s', (_name, schema, input, path) => {
    expect(paths(rejects(schema, input))).toContain(path);
  });
});

describe('roles', () => {
  it.each(['owner', 'admin', 'user'])('accepts %j', (role) => {
    expect(parse(schemas.role, role)).toBe(role);
  });

  it.each([' owner', 'owner ', 'Owner', 'OWNER', 'Admin', 'guest', 'bot_manager', '', 'owner,admin', 42, null])(
    'rejects %j',
    (role) => {
      rejects(schemas.role, role);
      expect(paths(rejects(schemas.createInvitation, { email: 'a@b.test', role }))).toContain('role');
      expect(paths(rejects(schemas.updateMember, { role }))).toContain('role');
      expect(paths(rejects(schemas.listMembers, { role }))).toContain('role');
    },
  );

  it('follows the matrix in use', () => {
    const custom = createSchemas(['owner', 'viewer'] as const);
    expect(parse(custom.role, 'viewer')).toBe('viewer');
    rejects(custom.role, 'admin');
  });
});

describe('statuses', () => {
  it.each(['active', 'disabled'])('accepts %j', (status) => {
    expect(parse(schemas.memberStatus, status)).toBe(status);
  });

  it.each(['Active', ' active', 'enabled', 'suspended', '', true])('rejects member status %j', (status) => {
    rejects(schemas.memberStatus, status);
    expect(paths(rejects(schemas.listMembers, { status }))).toContain('status');
  });

  it('accepts each invitation status in a filter and rejects others', () => {
    for (const status of ['pending', 'accepted', 'revoked', 'expired']) {
      expect(parse(schemas.listInvitations, { status }).status).toBe(status);
    }
    expect(paths(rejects(schemas.listInvitations, { status: 'Pending' }))).toContain('status');
  });
});

describe('emails', () => {
  it.each([
    ['  Ada@Example.COM ', 'ada@example.com'],
    ['ADA.LOVELACE+orgkit@ACME.test', 'ada.lovelace+orgkit@acme.test'],
    ['\tbob@acme.test\n', 'bob@acme.test'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(parse(emailSchema, input)).toBe(expected);
  });

  it('normalizes inside the input schemas too', () => {
    const { owner } = parse(schemas.createOrganization, {
      ...validOrganization,
      owner: { ...validOrganization.owner, email: ' ADA@Acme.Test ' },
    });
    expect(owner.email).toBe('ada@acme.test');
    expect(parse(schemas.createInvitation, { email: 'Bob@Acme.TEST', role: 'user' }).email).toBe('bob@acme.test');
    expect(parse(schemas.updateMember, { email: ' Eve@Acme.test' }).email).toBe('eve@acme.test');
  });

  it.each([
    '',
    '   ',
    'ada',
    'ada@',
    '@acme.test',
    'ada@@acme.test',
    'ada lovelace@acme.test',
    'ada@acme..test',
    'ada@acme_test',
  ])('rejects %j', (email) => {
    rejects(emailSchema, email);
  });

  it('accepts 254 characters and rejects 255', () => {
    const ofLength = (length: number) =>
      `${'a'.repeat(60)}@${'b'.repeat(50)}.${'c'.repeat(50)}.${'d'.repeat(50)}.${'e'.repeat(length - 219)}.test`;
    expect(ofLength(254)).toHaveLength(254);
    expect(parse(emailSchema, ofLength(254))).toBe(ofLength(254));
    rejects(emailSchema, ofLength(255));
  });
});

describe('timezones', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    [' America/New_York ', 'America/New_York'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    // Valid aliases keep the spelling given, whatever names Node's ICU prefers.
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['US/Pacific', 'US/Pacific'],
  ])('accepts %j as %j', (input, expected) => {
    expect(parse(timezoneSchema, input)).toBe(expected);
  });

  it.each([
    '+01:00',
    '-05:00',
    '01:00',
    'Mars/Phobos',
    'Europe/Atlantis',
    '',
    '   ',
    'Berlin',
    'Europe/Berlin/Extra',
    42,
  ])('rejects %j', (input) => {
    rejects(timezoneSchema, input);
  });

  it('rejects an over-long zone name', () => {
    rejects(timezoneSchema, `Europe/${'x'.repeat(64)}`);
  });

  it('canonicalTimeZone answers null for what is not a zone name', () => {
    expect(canonicalTimeZone('+01:00')).toBeNull();
    expect(canonicalTimeZone('Mars/Phobos')).toBeNull();
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
  });

  it('defaults the owner timezone to UTC and canonicalizes a given one', () => {
    expect(parse(schemas.createOrganization, validOrganization).owner.timezone).toBe('UTC');
    const withZone = { ...validOrganization, owner: { ...validOrganization.owner, timezone: 'asia/tokyo' } };
    expect(parse(schemas.createOrganization, withZone).owner.timezone).toBe('Asia/Tokyo');
  });

  it('validates the timezone of updateMember and acceptInvitation', () => {
    expect(paths(rejects(schemas.updateMember, { timezone: '+01:00' }))).toContain('timezone');
    expect(
      paths(rejects(schemas.acceptInvitation, { token: 't', fullName: 'Ada', timezone: 'Mars/Phobos' })),
    ).toContain('timezone');
    expect(parse(schemas.acceptInvitation, { token: 't', fullName: 'Ada' }).timezone).toBeUndefined();
  });
});

describe('names and string lengths', () => {
  it('trims names', () => {
    expect(parse(fullNameSchema, '  Ada Lovelace  ')).toBe('Ada Lovelace');
  });

  it('keeps non-Latin names and emoji', () => {
    // The zero-width (non-)joiners belong in Persian names and emoji sequences.
    for (const name of ['Zoë Ångström', '李小龍', 'Ōtani 翔平', 'Renée 🚀', 'می\u200cخواهم', '👨\u200d👩\u200d👧'])
      expect(parse(fullNameSchema, name)).toBe(name);
  });

  it.each([
    ['a NUL byte', 'Ada\u0000'],
    ['a newline', 'Ada\nLovelace'],
    ['a tab', 'Ada\tLovelace'],
    ['an escape sequence', 'Ada\u001b[31m'],
    ['a DEL', 'Ada\u007f'],
    ['a right-to-left override', 'Ada\u202eecalevoL'],
    ['a zero-width space', 'Ada\u200bLovelace'],
  ])('rejects a name with %s', (_name, name) => {
    rejects(fullNameSchema, name);
    expect(paths(rejects(schemas.createProject, { name }))).toContain('name');
    expect(paths(rejects(schemas.updateOrganization, { name }))).toContain('name');
  });

  it.each(['', '   '])('rejects the empty name %j', (name) => {
    rejects(fullNameSchema, name);
  });

  it('accepts 200 characters and rejects 201', () => {
    expect(parse(fullNameSchema, 'a'.repeat(200))).toHaveLength(200);
    rejects(fullNameSchema, 'a'.repeat(201));
    expect(paths(rejects(schemas.createProject, { name: 'p'.repeat(201) }))).toContain('name');
    expect(paths(rejects(schemas.createOrganization, { ...validOrganization, name: 'o'.repeat(201) }))).toContain(
      'name',
    );
  });

  it('bounds ids, search and tokens', () => {
    expect(parse(idSchema, 'i'.repeat(128))).toHaveLength(128);
    rejects(idSchema, 'i'.repeat(129));
    expect(paths(rejects(schemas.listMembers, { search: 's'.repeat(201) }))).toContain('search');
    rejects(schemas.token, 't'.repeat(513));
    expect(paths(rejects(schemas.listMembers, { cursor: 'c'.repeat(513) }))).toContain('cursor');
  });
});

describe('unknown fields (strict objects)', () => {
  it.each([
    ['createOrganization', schemas.createOrganization, { ...validOrganization, plan: 'pro' }],
    [
      'createOrganization.owner',
      schemas.createOrganization,
      { ...validOrganization, owner: { ...validOrganization.owner, role: 'admin' } },
    ],
    ['updateOrganization', schemas.updateOrganization, { name: 'Acme', id: 'other-org' }],
    ['updateMember', schemas.updateMember, { fullName: 'Ada', status: 'active' }],
    ['updateMember (organizationId)', schemas.updateMember, { fullName: 'Ada', organizationId: 'o2' }],
    ['listMembers', schemas.listMembers, { role: 'user', orderBy: 'email' }],
    ['listAuditEvents', schemas.listAuditEvents, { limit: 10, actorId: 'u1' }],
    ['createInvitation', schemas.createInvitation, { email: 'a@b.test', role: 'user', token: 'mine' }],
    ['listInvitations', schemas.listInvitations, { email: 'a@b.test' }],
    ['acceptInvitation', schemas.acceptInvitation, { token: 't', fullName: 'Ada', role: 'owner' }],
    ['createProject', schemas.createProject, { name: 'P', organizationId: 'o2' }],
    ['authorizeOptions', schemas.authorizeOptions, { projectId: 'p', role: 'owner' }],
    ['actor', actorSchema, { userId: 'u', organizationId: 'o', role: 'owner' }],
  ])('%s rejects an unknown field', (_name, schema, input) => {
    const issues = rejects(schema, input);
    expect(issues.some((issue) => issue.code === 'unrecognized_keys')).toBe(true);
  });
});

describe('updates need at least one field', () => {
  it.each([
    ['updateMember', schemas.updateMember],
    ['updateOrganization', schemas.updateOrganization],
  ])('%s rejects {}', (_name, schema) => {
    rejects(schema, {});
  });
});

describe('settings', () => {
  // `{"k":"…"}` is 8 characters plus the value.
  const sized = (length: number) => ({ k: 'x'.repeat(length - 8) });

  it('accepts settings of exactly 16 KiB serialized', () => {
    const settings = sized(16_384);
    expect(JSON.stringify(settings)).toHaveLength(16_384);
    expect(parse(settingsSchema, settings)).toEqual(settings);
    expect(parse(schemas.updateOrganization, { settings }).settings).toEqual(settings);
  });

  it('rejects settings over 16 KiB', () => {
    rejects(settingsSchema, sized(16_385));
    expect(paths(rejects(schemas.updateOrganization, { settings: sized(20_000) }))).toContain('settings');
  });

  it('accepts nested JSON and rejects what JSON cannot hold', () => {
    const nested = { theme: { dark: true, accent: '#ff0' }, flags: [1, 'two', null] };
    expect(parse(settingsSchema, nested)).toEqual(nested);
    rejects(settingsSchema, { when: new Date() });
    rejects(settingsSchema, { fn: () => 1 });
    rejects(settingsSchema, { n: Number.NaN });
    rejects(settingsSchema, ['not', 'a', 'record']);
  });

  it('rejects an empty key', () => {
    rejects(settingsSchema, { '': 1 });
  });
});

describe('page limits', () => {
  it.each([1, 50, 200])('accepts limit %i', (limit) => {
    expect(parse(limitSchema, limit)).toBe(limit);
    expect(parse(schemas.listMembers, { limit }).limit).toBe(limit);
  });

  it.each([0, -1, 201, 1.5, Number.POSITIVE_INFINITY, Number.NaN])('rejects limit %d', (limit) => {
    rejects(limitSchema, limit);
    expect(paths(rejects(schemas.listMembers, { limit }))).toContain('limit');
    expect(paths(rejects(schemas.listAuditEvents, { limit }))).toContain('limit');
    expect(paths(rejects(schemas.listInvitations, { limit }))).toContain('limit');
  });

  it('defaults the limit to 50', () => {
    expect(parse(schemas.listMembers, {}).limit).toBe(50);
    expect(parse(schemas.listAuditEvents, {}).limit).toBe(50);
    expect(parse(schemas.listInvitations, {}).limit).toBe(50);
  });
});

describe('project ids of an invitation', () => {
  it('are deduplicated, keeping first occurrences in order', () => {
    const { projectIds } = parse(schemas.createInvitation, {
      email: 'a@b.test',
      role: 'user',
      projectIds: ['p2', 'p1', 'p2', 'p1', 'p3'],
    });
    expect(projectIds).toEqual(['p2', 'p1', 'p3']);
  });

  it('default to none', () => {
    expect(parse(schemas.createInvitation, { email: 'a@b.test', role: 'user' }).projectIds).toEqual([]);
  });

  it('are bounded in count and in id length', () => {
    const many = Array.from({ length: 101 }, (_, i) => `p${i}`);
    expect(paths(rejects(schemas.createInvitation, { email: 'a@b.test', role: 'user', projectIds: many }))).toContain(
      'projectIds',
    );
    rejects(schemas.createInvitation, { email: 'a@b.test', role: 'user', projectIds: [''] });
  });
});
