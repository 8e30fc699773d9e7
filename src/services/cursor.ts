import { OrgkitError } from '../errors.js';

/** A keyset position: a timestamp and the id that breaks ties. */
export interface Keyset {
  createdAt: Date;
  id: string;
}

/** The largest time a `Date` can hold. */
const MAX_DATE_MS = 8.64e15;

/** Opaque to callers: base64url of `[millis, id]`. */
export function encodeCursor(position: Keyset): string {
  return Buffer.from(JSON.stringify([position.createdAt.getTime(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Keyset {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      Math.abs(value[0] as number) <= MAX_DATE_MS &&
      typeof value[1] === 'string' &&
      value[1].length > 0 &&
      value[1].length <= 128
    ) {
      return { createdAt: new Date(value[0] as number), id: value[1] };
    }
  } catch {
    // fall through: any undecodable cursor gets the same answer
  }
  throw new OrgkitError({
    code: 'VALIDATION_FAILED',
    message: 'Invalid input: cursor: not a cursor this list returned.',
    details: { issues: [{ path: ['cursor'], code: 'invalid_cursor', message: 'Not a cursor this list returned.' }] },
  });
}

/** Builds a page: fetch `limit + 1` rows, hand back `limit` and a cursor when there was more. */
export function toPage<T, R>(rows: T[], limit: number, position: (row: T) => Keyset, view: (row: T) => R) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(view),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(position(last)) : null,
  };
}
