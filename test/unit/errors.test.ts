import { describe, expect, it } from 'vitest';
import { isOrgkitError, ORGKIT_ERROR_CODES, OrgkitError, type OrgkitErrorCode } from '../../src/errors.js';
import { httpStatusFor } from '../../src/http-status.js';

/** SPEC §6, plus STORE_FAILURE (an outage: 500). */
const SPEC_STATUS: Record<OrgkitErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LAST_OWNER: 409,
  INVITATION_INVALID: 410,
  INVITATION_EXPIRED: 410,
  STORE_FAILURE: 500,
};

const CODES = Object.keys(ORGKIT_ERROR_CODES) as OrgkitErrorCode[];

describe('ORGKIT_ERROR_CODES', () => {
  it('has exactly the codes of SPEC §6 and STORE_FAILURE', () => {
    expect([...CODES].sort()).toEqual(Object.keys(SPEC_STATUS).sort());
  });

  it('maps every code to itself', () => {
    for (const code of CODES) expect(ORGKIT_ERROR_CODES[code]).toBe(code);
  });
});

describe('httpStatusFor', () => {
  it.each(CODES)('%s → its SPEC status', (code) => {
    expect(httpStatusFor(new OrgkitError({ code }))).toBe(SPEC_STATUS[code]);
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['a TypeError', new TypeError('bad')],
    ['a string', 'FORBIDDEN'],
    ['an object shaped like an OrgkitError', { name: 'OrgkitError', code: 'FORBIDDEN' }],
    ['undefined', undefined],
    ['null', null],
  ])('answers 500 for %s', (_name, value) => {
    expect(httpStatusFor(value)).toBe(500);
  });
});

describe('OrgkitError', () => {
  it('is an Error named OrgkitError with a code and a default message', () => {
    const error = new OrgkitError({ code: 'NOT_FOUND' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('OrgkitError');
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.details).toBeUndefined();
    expect(error.stack).toContain('OrgkitError');
  });

  it.each(CODES)('has a non-empty default message for %s that does not just repeat the code', (code) => {
    const { message } = new OrgkitError({ code });
    expect(message.trim().length).toBeGreaterThan(0);
    expect(message).not.toContain(code);
  });

  it('keeps a given message, details and cause', () => {
    const cause = new Error('driver said no');
    const details = { reason: 'TARGET_OUTRANKS_ACTOR', role: 'admin' };
    const error = new OrgkitError({ code: 'FORBIDDEN', message: 'Nope.', details, cause });
    expect(error.message).toBe('Nope.');
    expect(error.details).toEqual(details);
    expect(error.cause).toBe(cause);
  });

  it('does not put the cause into the message', () => {
    const error = new OrgkitError({ code: 'STORE_FAILURE', cause: new Error('password=hunter2 at 10.0.0.1') });
    expect(error.message).not.toContain('hunter2');
  });
});

describe('isOrgkitError', () => {
  const error = new OrgkitError({ code: 'CONFLICT' });

  it('recognizes an OrgkitError, with or without a code', () => {
    expect(isOrgkitError(error)).toBe(true);
    expect(isOrgkitError(error, 'CONFLICT')).toBe(true);
  });

  it('refuses another code', () => {
    expect(isOrgkitError(error, 'LAST_OWNER')).toBe(false);
  });

  it.each([new Error('x'), { code: 'CONFLICT' }, 'CONFLICT', null, undefined])('refuses %j', (value) => {
    expect(isOrgkitError(value)).toBe(false);
    expect(isOrgkitError(value, 'CONFLICT')).toBe(false);
  });
});
