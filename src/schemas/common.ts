import { z } from 'zod';
import { MEMBER_STATUSES } from '../store/records.js';

/** Control characters have no place in names and make logs and mails lie. */
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}\p{Cf}]*$/u;

export const idSchema = z.string().min(1).max(128);

/** Trimmed and lower-cased before it is checked, stored or compared (SPEC §7). */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const fullNameSchema = z.string().trim().min(1).max(200).regex(NO_CONTROL_CHARACTERS);
export const organizationNameSchema = fullNameSchema;
export const projectNameSchema = fullNameSchema;

/**
 * An IANA zone name, answered in its canonical spelling (`europe/berlin` is
 * stored as `Europe/Berlin`). UTC offsets such as `+01:00` are not zone names.
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
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
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
  .refine((value) => JSON.stringify(value).length <= 16_384, 'Settings must serialize to at most 16 KiB.');

export const actorSchema = z.strictObject({ userId: idSchema, organizationId: idSchema });

/** The acting principal: the signed-in user and the organization they act in. */
export type Actor = z.infer<typeof actorSchema>;

export function roleSchema<R extends string>(roles: readonly R[]) {
  return z.enum(roles as unknown as [R, ...R[]]);
}
