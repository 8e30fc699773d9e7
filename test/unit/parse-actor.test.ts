/**
 * The zod-free path of `authorize`'s input checks answers exactly what the
 * schemas answer: the same value, or the same `VALIDATION_FAILED`.
 */
import { describe, expect, it } from 'vitest';
import { actorSchema } from '../../src/schemas/common.js';
import { createSchemas } from '../../src/schemas/inputs.js';
import { parse } from '../../src/schemas/parse.js';
import { parseActor, parseAuthorizeOptions } from '../../src/schemas/parse-actor.js';

function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (error) {
    return { error: { ...(error as object), message: (error as Error).message } };
  }
}

const ids = [
  'u-1',
  'x'.repeat(128),
  'x'.repeat(129),
  '',
  ' padded',
  'tab\t',
  'a b',
  'zero\u200bwidth',
  '\ud800',
  42,
  null,
];
const inherited = Object.assign(Object.create({ role: 'owner' }), { userId: 'u', organizationId: 'o' });
class ActorLike {
  userId = 'u';
  organizationId = 'o';
}

describe('parseActor', () => {
  const inputs: unknown[] = [
    ...ids.map((id) => ({ userId: id, organizationId: 'org' })),
    ...ids.map((id) => ({ userId: 'user', organizationId: id })),
    { userId: 'u' },
    { userId: 'u', organizationId: 'o', role: 'owner' },
    { userId: 'u', organizationId: 'o', extra: undefined },
    Object.assign(Object.create(null), { userId: 'u', organizationId: 'o' }),
    inherited,
    new ActorLike(),
    ['u', 'o'],
    'u',
    null,
    undefined,
  ];
  it.each(inputs.map((input) => [input]))('answers as the schema does for %o', (input) => {
    expect(outcome(() => parseActor(input))).toEqual(outcome(() => parse(actorSchema, input)));
  });
});

describe('parseAuthorizeOptions', () => {
  const schema = createSchemas(['owner', 'admin', 'user']).authorizeOptions;
  const inputs: unknown[] = [
    {},
    { projectId: undefined },
    ...ids.map((id) => ({ projectId: id })),
    { projectId: 'p', extra: 1 },
    Object.create({ projectId: 'p' }),
    null,
    [],
    'p',
  ];
  it.each(inputs.map((input) => [input]))('answers as the schema does for %o', (input) => {
    const expected = outcome(() => parse(schema, input));
    const actual = outcome(() => parseAuthorizeOptions(schema, input));
    // The schema keeps an explicit `projectId: undefined`; both mean "no project".
    expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('treats no options as no project', () => {
    expect(parseAuthorizeOptions(schema, undefined)).toEqual({});
  });
});
