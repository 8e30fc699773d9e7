/**
 * The instants orgkit reads and writes: those every store keeps exactly and
 * alike. A `Date` reaches further, and so does Postgres, but past 9999 a
 * driver that sends `toISOString()` (PGlite) writes `+010000-…`, which
 * Postgres refuses; before 1970 a cursor has no record to point at.
 */
export const EARLIEST_INSTANT_MS = Date.UTC(1970, 0, 1);
export const LATEST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The longest `invitationTtlMs` or `emailChangeTtlMs`. */
export const MAX_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** The clock stops a TTL short of the end, so every expiry it leads to is storable: 9998-12-31T23:59:59.999Z. */
export const LATEST_CLOCK_MS = LATEST_INSTANT_MS - MAX_TTL_MS;

export function isStorableInstant(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= EARLIEST_INSTANT_MS && ms <= LATEST_INSTANT_MS;
}
