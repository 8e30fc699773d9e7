import { describe, expect, it } from 'vitest';
import { isOrgkitError } from '../../src/errors.js';
import { decodeCursor, encodeCursor, type Keyset, toPage } from '../../src/services/cursor.js';

const position: Keyset = {
  createdAt: new Date('2024-03-01T12:34:56.789Z'),
  id: '0190f1d2-0000-7000-8000-000000000001',
};

function expectInvalid(cursor: string): void {
  let caught: unknown;
  try {
    decodeCursor(cursor);
  } catch (error) {
    caught = error;
  }
  expect(isOrgkitError(caught, 'VALIDATION_FAILED')).toBe(true);
  const issues = (caught as { details: { issues: Array<{ path: string[] }> } }).details.issues;
  expect(issues[0]?.path).toEqual(['cursor']);
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a position, to the millisecond', () => {
    const decoded = decodeCursor(encodeCursor(position));
    expect(decoded.id).toBe(position.id);
    expect(decoded.createdAt.getTime()).toBe(position.createdAt.getTime());
    expect(decoded.createdAt).toBeInstanceOf(Date);
  });

  it('round-trips the first and the last instant every store holds', () => {
    for (const ms of [0, Date.UTC(9999, 11, 31, 23, 59, 59, 999)]) {
      expect(decodeCursor(encodeCursor({ createdAt: new Date(ms), id: 'x' })).createdAt.getTime()).toBe(ms);
    }
  });

  it('round-trips any printable id, a host user id included', () => {
    for (const id of ['user 42', 'ユーザー', '😀', 'auth0|5f1c', 'i'.repeat(128)]) {
      expect(decodeCursor(encodeCursor({ createdAt: new Date(1), id })).id).toBe(id);
    }
  });

  it('is opaque and URL-safe', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(position.id);
  });

  it.each([
    ['an empty string', ''],
    ['garbage', 'not a cursor at all!'],
    ['base64 of plain text', Buffer.from('hello').toString('base64url')],
    ['an object', encode({ createdAt: 1, id: 'x' })],
    ['a one-element array', encode([1])],
    ['a three-element array', encode([1, 'x', 'y'])],
    ['a string timestamp', encode(['1', 'x'])],
    ['a fractional timestamp', encode([1.5, 'x'])],
    ['an unsafe integer timestamp', encode([2 ** 60, 'x'])],
    ['a numeric id', encode([1, 2])],
    ['an empty id', encode([1, ''])],
    ['an id over 128 characters', encode([1, 'i'.repeat(129)])],
    // Postgres refuses NUL and lone surrogates where SQLite and memory answer an empty page.
    ['a NUL in the id', encode([1, 'a\u0000b'])],
    ['a lone surrogate in the id', encode([1, 'a\ud800'])],
    ['a control character in the id', encode([1, 'a\u001b[31m'])],
    ['a format character in the id', encode([1, 'a\u202e'])],
    ['an id with surrounding whitespace', encode([1, ' a'])],
    ['a time before 1970', encode([-1, 'x'])],
    ['a time after 9999-12-31', encode([Date.UTC(10_000, 0, 1), 'x'])],
    ['the earliest Date', encode([-8.64e15, 'x'])],
    ['the latest Date', encode([8.64e15, 'x'])],
    ['null', encode(null)],
    ['truncated', encodeCursor(position).slice(0, 10)],
  ])('refuses %s with VALIDATION_FAILED', (_name, cursor) => {
    expectInvalid(cursor);
  });

  it('refuses an overlong cursor', () => {
    expectInvalid(encode([1, 'x'.repeat(10_000)]));
    expectInvalid('A'.repeat(100_000));
  });

  it('refuses a tampered cursor', () => {
    const cursor = encodeCursor(position);
    const tampered = `${cursor.slice(0, 3)}${cursor[3] === 'Z' ? 'Y' : 'Z'}${cursor.slice(4)}`;
    let decoded: Keyset | undefined;
    try {
      decoded = decodeCursor(tampered);
    } catch (error) {
      expect(isOrgkitError(error, 'VALIDATION_FAILED')).toBe(true);
      return;
    }
    // A tampered cursor that still decodes must not decode to the original position.
    expect(decoded.createdAt.getTime() === position.createdAt.getTime() && decoded.id === position.id).toBe(false);
  });

  // A safe integer beyond ±8.64e15 ms would make an Invalid Date and reach the store.
  it('refuses a timestamp outside the Date range', () => {
    expectInvalid(encode([Number.MAX_SAFE_INTEGER, 'x']));
  });
});

describe('toPage', () => {
  const rows = Array.from({ length: 5 }, (_, i) => ({
    id: `id-${i}`,
    createdAt: new Date(1_000 + i),
    name: `row ${i}`,
  }));
  const keyset = (row: (typeof rows)[number]): Keyset => ({ createdAt: row.createdAt, id: row.id });
  const view = (row: (typeof rows)[number]) => row.name;

  it('answers limit items and a cursor at the last of them when a row more was fetched', () => {
    const page = toPage(rows, 4, keyset, view);
    expect(page.items).toEqual(['row 0', 'row 1', 'row 2', 'row 3']);
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor!)).toEqual({ createdAt: new Date(1_003), id: 'id-3' });
  });

  it('answers a null cursor on the last page', () => {
    expect(toPage(rows, 5, keyset, view)).toEqual({ items: rows.map(view), nextCursor: null });
    expect(toPage(rows.slice(0, 2), 5, keyset, view).nextCursor).toBeNull();
  });

  it('answers an empty page', () => {
    expect(toPage([], 10, keyset, view)).toEqual({ items: [], nextCursor: null });
  });

  it('pages through everything exactly once when fed limit + 1 rows at a time', () => {
    const all = Array.from({ length: 23 }, (_, i) => ({
      id: `id-${String(i).padStart(2, '0')}`,
      createdAt: new Date(5_000),
      name: `n${i}`,
    }));
    const fetch = (after: Keyset | undefined, count: number) =>
      all.filter((row) => after === undefined || row.id > after.id).slice(0, count);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const after: Keyset | undefined = cursor === null ? undefined : decodeCursor(cursor);
      const page: { items: string[]; nextCursor: string | null } = toPage(fetch(after, 6), 5, keyset, view);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(5);
    expect(seen).toEqual(all.map(view));
  });
});
