import type { Timestamp } from './schema-types.js';

/** The two SQL families orgkit's one schema serves. */
export type SqlDialect = 'sqlite' | 'postgres';

/** SQLite keeps instants as integer milliseconds; Postgres as `timestamptz`. */
export function encodeDate(dialect: SqlDialect, date: Date): Timestamp {
  return dialect === 'sqlite' ? date.getTime() : date;
}

export function encodeOptionalDate(dialect: SqlDialect, date: Date | null): Timestamp | null {
  return date === null ? null : encodeDate(dialect, date);
}

/** JSON goes in as text on both dialects; Postgres parses it into `jsonb`. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * What member search compares against: the full name lower-cased by
 * JavaScript, so every store folds case the same way (SQLite's `lower()`
 * folds only ASCII).
 */
export function searchName(fullName: string): string {
  return fullName.toLowerCase();
}
