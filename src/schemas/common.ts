import { z } from 'zod';
import { MEMBER_STATUSES } from '../store/records.js';

/**
 * Control and invisible format characters (zero-width spaces, bidirectional
 * overrides) let a name pass for another in logs and mails. The zero-width
 * (non-)joiners stay: Persian and Indic names and emoji need them.
 */
const NO_CONTROL_CHARACTERS = /^(?:(?![\p{Cc}\p{Cf}])[\s\S]|[\u200C\u200D])*$/u;

export const idSchema = z.string().min(1).max(128);

/** Trimmed and lower-cased before it is checked, stored or compared: one user per email. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const fullNameSchema = z.string().trim().min(1).max(200).regex(NO_CONTROL_CHARACTERS);
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

export const limitSchema = z.number().int().min(1).max(200);
export const cursorSchema = z.string().min(1).max(512);

/** JSON settings, bounded so one organization cannot store megabytes per write. */
export const settingsSchema = z
  .record(z.string().min(1).max(100), z.json())
  .refine(
    (value) => Buffer.byteLength(JSON.stringify(value), 'utf8') <= 16_384,
    'Settings must serialize to at most 16 KiB.',
  );

export const actorSchema = z.strictObject({ userId: idSchema, organizationId: idSchema });

/** The acting principal: the signed-in user and the organization they act in. */
export type Actor = z.infer<typeof actorSchema>;

export function roleSchema<R extends string>(roles: readonly R[]) {
  return z.enum(roles as unknown as [R, ...R[]]);
}

/** zod keeps keys given as `undefined`; a patch must not mistake them for changes. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
