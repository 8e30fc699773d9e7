import { describe, expect, it } from 'vitest';
import {
  isOrgkitError,
  ORGKIT_ERROR_CODES,
  OrgkitError,
  type OrgkitErrorCode,
  type OrgkitErrorOptions,
} from '../../src/errors.js';
import { httpStatusFor } from '../../src/http/http-status.js';

/** The documented status of each code; STORE_FAILURE is an outage and INTERNAL (HTTP only) a failure: 500. */
const DOCUMENTED_STATUS: Record<OrgkitErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LAST_OWNER: 409,
  INVITATION_INVALID: 410,
  INVITATION_EXPIRED: 410,
  STORE_FAILURE: 500,
  INTERNAL: 500,
};

/** One well-formed error of each code, details included where the code has them. */
const SAMPLES: { [C in OrgkitErrorCode]: OrgkitErrorOptions<C> } = {
  VALIDATION_FAILED: { code: 'VALIDATION_FAILED', details: { issues: [] } },
  UNAUTHENTICATED: { code: 'UNAUTHENTICATED' },
  FORBIDDEN: { code: 'FORBIDDEN', details: { reason: 'ROLE_LACKS_PERMISSION' } },
  NOT_FOUND: { code: 'NOT_FOUND', details: { what: 'member' } },
  CONFLICT: { code: 'CONFLICT', details: { reason: 'ALREADY_MEMBER' } },
  LAST_OWNER: { code: 'LAST_OWNER' },
  INVITATION_INVALID: { code: 'INVITATION_INVALID' },
  INVITATION_EXPIRED: { code: 'INVITATION_EXPIRED' },
  STORE_FAILURE: { code: 'STORE_FAILURE' },
  INTERNAL: { code: 'INTERNAL' },
};

const CODES = Object.keys(ORGKIT_ERROR_CODES) as OrgkitErrorCode[];
const sample = (code: OrgkitErrorCode) => new OrgkitError(SAMPLES[code] as OrgkitErrorOptions);

describe('ORGKIT_ERROR_CODES', () => {
  it('has exactly the documented codes', () => {
    expect([...CODES].sort()).toEqual(Object.keys(DOCUMENTED_STATUS).sort());
  });

  it('maps every code to itself', () => {
    for (const code of CODES) expect(ORGKIT_ERROR_CODES[code]).toBe(code);
  });
});

describe('httpStatusFor', () => {
  it.each(CODES)('%s → its documented status', (code) => {
    expect(httpStatusFor(sample(code))).toBe(DOCUMENTED_STATUS[code]);
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
    const error = new OrgkitError({ code: 'LAST_OWNER' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('OrgkitError');
    expect(error.code).toBe('LAST_OWNER');
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.details).toBeUndefined();
    expect(error.stack).toContain('OrgkitError');
  });

  it.each(CODES)('has a non-empty default message for %s that does not just repeat the code', (code) => {
    const { message } = sample(code);
    expect(message.trim().length).toBeGreaterThan(0);
    expect(message).not.toContain(code);
  });

  it('keeps a given message, details and cause', () => {
    const cause = new Error('driver said no');
    const details = { reason: 'TARGET_OUTRANKS_ACTOR', role: 'admin' } as const;
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
  const error = new OrgkitError({ code: 'CONFLICT', details: { reason: 'EMAIL_TAKEN' } });

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

describe('an OrgkitError from another copy of orgkit', () => {
  // A second instance of the module, as when a host loads both the ESM and the CJS build.
  const copyUrl = new URL('../../src/errors.ts?copy', import.meta.url).href;
  const loadCopy = () => import(/* @vite-ignore */ copyUrl) as Promise<typeof import('../../src/errors.js')>;

  it('is a different class, yet passes instanceof, isOrgkitError and httpStatusFor here', async () => {
    const copy = await loadCopy();
    expect(copy.OrgkitError).not.toBe(OrgkitError);
    const foreign = new copy.OrgkitError({ code: 'CONFLICT', details: { reason: 'ALREADY_MEMBER' } });
    expect(foreign).toBeInstanceOf(OrgkitError);
    expect(isOrgkitError(foreign, 'CONFLICT')).toBe(true);
    expect(httpStatusFor(foreign)).toBe(409);
    // And the other way round.
    expect(copy.isOrgkitError(new OrgkitError({ code: 'LAST_OWNER' }), 'LAST_OWNER')).toBe(true);
  });

  it('is not faked by a plain object that copies the fields', async () => {
    const copy = await loadCopy();
    const lookalike = { ...new copy.OrgkitError({ code: 'CONFLICT', details: { reason: 'ALREADY_MEMBER' } }) };
    expect(isOrgkitError(lookalike)).toBe(false);
    expect(httpStatusFor(lookalike)).toBe(500);
  });
});
