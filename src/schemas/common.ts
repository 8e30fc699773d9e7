import { z } from 'zod';
import { MEMBER_STATUSES } from '../store/records.js';
import { findSettingsProblem } from './json-settings.js';
import { ID_PATTERN, isPrintableId, isPrintableName, NAME_PATTERN } from './text.js';

/**
 * An id: of a user, an organization, a project or an invitation. orgkit
 * mints UUIDs, but a host may pass ids of its own (its users'), so an id is
 * any printable Unicode text of 1 to 128 UTF-16 code units, compared exactly
 * as given: no control or format characters (NUL, escapes, zero-width and
 * bidirectional marks, U+FEFF), no line or paragraph separators, no lone
 * surrogates, and no whitespace at either end (it is not trimmed, so a
 * padded id would silently be another id). Spaces inside are fine.
 */
export const idSchema = z
  .string()
  .min(1)
  .max(128, { abort: true })
  .refine(isPrintableId, 'Ids must be printable text without surrounding whitespace.')
  .meta({ pattern: ID_PATTERN });

/** Trimmed and lower-cased before it is checked, stored or compared: one user per email. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/**
 * Trimmed, 1 to 200 UTF-16 code units, and printable: no control or format
 * characters (they let a name pass for another in logs and mails), except the
 * zero-width (non-)joiners that Persian and Indic names and emoji need; no
 * line or paragraph separators; no lone surrogates.
 */
export const fullNameSchema = printableText(200, { min: 1 });
export const organizationNameSchema = fullNameSchema;
export const projectNameSchema = fullNameSchema;

/**
 * An IANA zone name. Case is corrected (`europe/berlin` is stored as
 * `Europe/Berlin`), but a valid alias keeps the spelling it was given:
 * Node's ICU would turn `Asia/Kolkata` into `Asia/Calcutta`. UTC offsets such
 * as `+01:00` are not zone names.
 */
export const timezoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((value, context) => {
    const canonical = canonicalTimeZone(value);
    if (canonical === null) {
      context.addIssue({ code: 'custom', message: 'Not an IANA time zone name.', input: value });
      return z.NEVER;
    }
    return canonical;
  });

export function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z]/.test(value)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  } catch {
    return null;
  }
}

export const memberStatusSchema = z.enum(MEMBER_STATUSES);

/** A member search term: trimmed, at most 200 code units, printable as a name is. */
export const searchSchema = printableText(200);

export const limitSchema = z.number().int().min(1).max(200);

/** What a list returned: base64url. Its content is checked when it is decoded. */
export const cursorSchema = z
  .string()
  .min(1)
  .max(512, { abort: true })
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a cursor this list returned.');

const settingsRecord = z.record(z.string().min(1).max(100), z.json());

/**
 * The host's JSON settings. At most 16 KiB serialized and 32 levels of
 * objects and arrays deep, with no cycles; keys and strings hold any text but
 * NUL and lone surrogates, which Postgres `jsonb` refuses. All of that is
 * checked by one bounded walk before the record is parsed.
 */
export const settingsSchema = z.preprocess<unknown, typeof settingsRecord, z.input<typeof settingsRecord>>(
  (value, context) => {
    const problem = findSettingsProblem(value);
    if (problem === null) return value;
    context.addIssue({ code: 'custom', message: problem.message, path: problem.path, input: value });
    // Not the value: zod still tests it (`instanceof Promise`), which throws for a revoked proxy.
    return {};
  },
  settingsRecord,
);

export const actorSchema = z.strictObject({ userId: idSchema, organizationId: idSchema });

/** The acting principal: the signed-in user and the organization they act in. */
export type Actor = z.infer<typeof actorSchema>;

export function roleSchema<R extends string>(roles: readonly R[]) {
  return z.enum(roles as unknown as [R, ...R[]]);
}

/** Trimmed text of at most `max` code units, its characters checked only once it is known to be short. */
function printableText(max: number, { min = 0 } = {}) {
  const trimmed = z.string().trim();
  return (min > 0 ? trimmed.min(min) : trimmed)
    .max(max, { abort: true })
    .refine(isPrintableName, 'Must be printable: no control or format characters, line breaks or lone surrogates.')
    .meta({ pattern: NAME_PATTERN });
}

/** zod keeps keys given as `undefined`; a patch must not mistake them for changes. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
