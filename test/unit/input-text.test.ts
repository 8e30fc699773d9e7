/**
 * The text rules from the attacker's side: which ids, names, search terms
 * and cursors pass, and that input of any size gets VALIDATION_FAILED rather
 * than a RangeError or a minute of work.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { permissionMatrix } from '../../src/access/default-matrix.js';
import { isOrgkitError } from '../../src/errors.js';
import { cursorSchema, fullNameSchema, idSchema, searchSchema } from '../../src/schemas/common.js';
import { createSchemas } from '../../src/schemas/inputs.js';
import { parse } from '../../src/schemas/parse.js';
import { ID_PATTERN, NAME_PATTERN } from '../../src/schemas/text.js';
import { encodeCursor } from '../../src/services/cursor.js';

const schemas = createSchemas(permissionMatrix.roles);

/** The issues `parse` reports, or null when the input passed; any other throw fails the test. */
function issuesOf(schema: z.ZodType, input: unknown): Array<{ path: string[]; code: string; message: string }> | null {
  try {
    parse(schema, input);
    return null;
  } catch (error) {
    if (!isOrgkitError(error, 'VALIDATION_FAILED')) throw error;
    return error.details.issues;
  }
}

const PRINTABLE = [
  '0190f1d2-0000-7000-8000-000000000001',
  'user 42',
  'ユーザー',
  '😀',
  'auth0|5f1c',
  'Zoë',
  '\ufffd',
  '\ue000',
];

const UNPRINTABLE: Array<[string, string]> = [
  ['NUL', 'a\u0000b'],
  ['a C0 control', 'a\u0001b'],
  ['an escape sequence', 'a\u001b[31m'],
  ['DEL', 'a\u007fb'],
  ['a C1 control (NEL)', 'a\u0085b'],
  ['a soft hyphen', 'a\u00adb'],
  ['a zero-width space', 'a\u200bb'],
  ['a right-to-left override', 'a\u202eb'],
  ['a bidi isolate', 'a\u2066b'],
  ['a byte order mark', 'a\ufeffb'],
  ['a line separator', 'a\u2028b'],
  ['a paragraph separator', 'a\u2029b'],
  ['a lone high surrogate', 'a\ud800b'],
  ['a lone low surrogate', 'a\udc00b'],
  ['a surrogate pair reversed', 'a\ude00\ud83db'],
];

describe('ids', () => {
  it.each(PRINTABLE)('accepts the printable id %j', (id) => {
    expect(issuesOf(idSchema, id)).toBeNull();
    expect(issuesOf(schemas.authorizeOptions, { projectId: id })).toBeNull();
  });

  it.each([...UNPRINTABLE, ['a zero-width joiner', 'a\u200db']])('refuses an id with %s', (_, id) => {
    expect(issuesOf(idSchema, id)).toHaveLength(1);
    expect(issuesOf(schemas.createInvitation, { email: 'a@b.test', role: 'user', projectIds: [id] })).toEqual([
      expect.objectContaining({ path: ['projectIds', '0'], code: 'custom' }),
    ]);
  });

  it.each([' x', 'x ', '\tx', 'x\n', 'x\u00a0', '\u3000x', ' '])(
    'refuses the padded id %j: it is not trimmed',
    (id) => {
      expect(issuesOf(idSchema, id)).not.toBeNull();
    },
  );

  it('keeps inner spaces', () => {
    expect(parse(idSchema, 'a b  c')).toBe('a b  c');
  });
});

describe('names and search terms', () => {
  it.each(UNPRINTABLE)('refuse %s', (_, text) => {
    expect(issuesOf(fullNameSchema, text)).toHaveLength(1);
    expect(issuesOf(searchSchema, text)).toHaveLength(1);
    expect(issuesOf(schemas.listMembers, { search: text })?.map((issue) => issue.path)).toEqual([['search']]);
  });

  it('keep the joiners names and emoji need', () => {
    for (const text of ['می\u200cخواهم', '👨\u200d👩\u200d👧']) {
      expect(parse(fullNameSchema, text)).toBe(text);
      expect(parse(searchSchema, text)).toBe(text);
    }
  });

  it('let a search term be empty', () => {
    expect(parse(schemas.listMembers, { search: '  ' }).search).toBe('');
  });
});

describe('emails', () => {
  it.each(['a\u0000@b.test', 'a@b\u0000.test', 'a\ud800@b.test', 'a\u202e@b.test', 'a@b.test\u200b'])(
    'refuse %j',
    (email) => {
      expect(issuesOf(schemas.createInvitation, { email, role: 'user' })?.map((issue) => issue.path)).toEqual([
        ['email'],
      ]);
    },
  );
});

describe('text of megabytes', () => {
  // Each once overflowed the whole-string pattern before the length was checked.
  it.each([
    ['20 MB of ASCII', 'x'.repeat(20_000_000)],
    ['5 M emoji', '😀'.repeat(5_000_000)],
    ['5 M letters and joiners', 'x\u200d'.repeat(5_000_000)],
  ])('a name of %s gets the length issue alone', (_, name) => {
    const issues = issuesOf(schemas.createProject, { name });
    expect(issues).toEqual([expect.objectContaining({ path: ['name'], code: 'too_big' })]);
    expect(issuesOf(schemas.listMembers, { search: name })).toEqual([
      expect.objectContaining({ path: ['search'], code: 'too_big' }),
    ]);
    expect(issuesOf(idSchema, name)).toEqual([expect.objectContaining({ code: 'too_big' })]);
    expect(issuesOf(cursorSchema, name)).toEqual([expect.objectContaining({ code: 'too_big' })]);
  });

  it('a million project ids are refused by their count, before any is parsed', () => {
    const result = schemas.createInvitation.safeParse({
      email: 'a@b.test',
      role: 'user',
      projectIds: Array(1_000_000).fill('p\u0000'),
    });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['projectIds'], code: 'too_big' })]);
  });

  it('a sparse array claiming 2^32 - 1 project ids is refused at once', () => {
    const projectIds = Object.assign([], { length: 2 ** 32 - 1 });
    expect(issuesOf(schemas.createInvitation, { email: 'a@b.test', role: 'user', projectIds })).toEqual([
      expect.objectContaining({ path: ['projectIds'], code: 'too_big' }),
    ]);
  });

  it('a hundred thousand unknown keys make a short error', () => {
    const input: Record<string, unknown> = { name: 'Bots' };
    for (let key = 0; key < 100_000; key += 1) input[`field${key}`] = key;
    let caught: unknown;
    try {
      parse(schemas.createProject, input);
    } catch (error) {
      caught = error;
    }
    expect(isOrgkitError(caught, 'VALIDATION_FAILED')).toBe(true);
    expect((caught as Error).message.length).toBeLessThan(1_000);
    expect(JSON.stringify((caught as { details: unknown }).details).length).toBeLessThan(1_000);
  });
});

describe('cursors', () => {
  it('accept what a list returns', () => {
    const cursor = encodeCursor({ createdAt: new Date(), id: 'ユーザー 42' });
    expect(parse(cursorSchema, cursor)).toBe(cursor);
  });

  it.each(['abc=', 'a b', 'a+b/c', 'abc\u0000', `${encodeCursor({ createdAt: new Date(1), id: 'x' })}\n`])(
    'refuse %j: not base64url',
    (cursor) => {
      expect(issuesOf(schemas.listMembers, { cursor })?.map((issue) => issue.path)).toEqual([['cursor']]);
    },
  );
});

describe('the patterns published in api/inputs.json', () => {
  const samples = [...PRINTABLE, ...UNPRINTABLE.map(([, text]) => text), ' x', 'x ', 'a\u200db', 'a b'];

  it('say what the checks do', () => {
    const idPattern = new RegExp(ID_PATTERN, 'u');
    const namePattern = new RegExp(NAME_PATTERN, 'u');
    for (const text of samples) {
      expect(idPattern.test(text), JSON.stringify(text)).toBe(idSchema.safeParse(text).success);
      const trimmed = text.trim();
      if (trimmed !== '')
        expect(namePattern.test(trimmed), JSON.stringify(text)).toBe(fullNameSchema.safeParse(text).success);
    }
  });

  it('are in the JSON Schema of the inputs', () => {
    const invitation = z.toJSONSchema(schemas.createInvitation, { io: 'input', unrepresentable: 'any' });
    expect(JSON.stringify(invitation)).toContain(JSON.stringify(ID_PATTERN));
    const project = z.toJSONSchema(schemas.createProject, { io: 'input', unrepresentable: 'any' });
    expect(JSON.stringify(project)).toContain(JSON.stringify(NAME_PATTERN));
  });
});
