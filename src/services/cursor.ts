import { OrgkitError } from '../errors.js';
import { isStorableInstant } from '../schemas/instant.js';
import { isPrintableId } from '../schemas/text.js';

/** A keyset position: a timestamp and the id that breaks ties. */
export interface Keyset {
  createdAt: Date;
  id: string;
}

/**
 * Opaque to callers: base64url of `[millis, id]`. A cursor comes back from
 * the caller, so what it decodes to is checked like any input: an id as
 * `idSchema` allows and a time every store can hold; otherwise one store
 * would answer an empty page where another fails.
 */
export function encodeCursor(position: Keyset): string {
  return Buffer.from(JSON.stringify([position.createdAt.getTime(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Keyset {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'number' &&
      isStorableInstant(value[0]) &&
      typeof value[1] === 'string' &&
      value[1].length > 0 &&
      value[1].length <= 128 &&
      isPrintableId(value[1])
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
