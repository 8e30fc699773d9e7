/** Every refusal the console can meet reads as a sentence; field messages land beside their field. */
import { describe, expect, it } from 'vitest';
import { DENIAL_REASONS } from '../../src/access/role-rules.js';
import { describeError, fieldErrors } from '../../src/console/messages.js';
import { CONFLICT_REASONS, ORGKIT_ERROR_CODES, OrgkitError, type OrgkitErrorOptions } from '../../src/errors.js';

const error = (options: OrgkitErrorOptions) => new OrgkitError(options);

describe('describeError', () => {
  it('has a sentence of its own for every code, denial reason and conflict reason', () => {
    const sentences = new Set<string>();
    for (const code of Object.keys(ORGKIT_ERROR_CODES)) {
      const details =
        code === 'FORBIDDEN' ? { reason: 'UNKNOWN' } : code === 'CONFLICT' ? { reason: 'UNKNOWN' } : undefined;
      sentences.add(describeError(error({ code, details } as OrgkitErrorOptions)));
    }
    for (const reason of Object.keys(DENIAL_REASONS)) {
      sentences.add(describeError(error({ code: 'FORBIDDEN', details: { reason } as never })));
    }
    for (const reason of Object.keys(CONFLICT_REASONS)) {
      sentences.add(describeError(error({ code: 'CONFLICT', details: { reason } as never })));
    }
    const all = [...sentences];
    expect(all.length).toBe(
      Object.keys(ORGKIT_ERROR_CODES).length +
        Object.keys(DENIAL_REASONS).length +
        Object.keys(CONFLICT_REASONS).length,
    );
    for (const sentence of all) expect(sentence).toMatch(/^[A-Z].+\.$/);
    for (const sentence of all) expect(sentence).not.toMatch(/[A-Z]{2,}_[A-Z]/);
  });

  it('says what the seed forbids in plain words', () => {
    expect(describeError(error({ code: 'LAST_OWNER' }))).toMatch(/at least one active owner/);
    expect(
      describeError(error({ code: 'FORBIDDEN', details: { reason: 'TARGET_OUTRANKS_ACTOR', role: 'admin' } })),
    ).toMatch(/higher role than yours/);
    expect(describeError(error({ code: 'FORBIDDEN', details: { reason: 'ROLE_NOT_GRANTABLE' } }))).toMatch(
      /higher than your own/,
    );
    expect(describeError(error({ code: 'NOT_FOUND', details: { what: 'member' } }))).toMatch(/member no longer exists/);
  });

  it('reads a failed request (no OrgkitError) as a connection problem, never as nothing', () => {
    expect(describeError(new TypeError('Failed to fetch'))).toMatch(/could not be reached/);
    expect(describeError(undefined)).toMatch(/could not be reached/);
  });

  it('shows an input-wide validation message (a bad cursor) as it is', () => {
    const invalid = error({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: [], code: 'invalid_cursor', message: 'The cursor is not valid.' }] },
    });
    expect(describeError(invalid)).toBe('The cursor is not valid.');
  });
});

describe('fieldErrors', () => {
  it('keys the first message of each field by its name', () => {
    const invalid = error({
      code: 'VALIDATION_FAILED',
      details: {
        issues: [
          { path: ['email'], code: 'invalid_format', message: 'Invalid email address' },
          { path: ['email'], code: 'too_big', message: 'second' },
          { path: ['projectIds', '0'], code: 'invalid_type', message: 'Invalid id' },
          { path: ['fullName'], code: 'too_small', message: 'Too small: expected string to have >=1 characters' },
        ],
      },
    });
    expect(fieldErrors(invalid)).toEqual({
      email: 'Invalid email address',
      projectIds: 'Invalid id',
      fullName: 'This field is required.',
    });
  });

  it('is empty for any other refusal', () => {
    expect(fieldErrors(error({ code: 'LAST_OWNER' }))).toEqual({});
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
