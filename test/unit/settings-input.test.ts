/**
 * Settings from the attacker's side: any shape a caller can build must end
 * in VALIDATION_FAILED with an issue that says what is wrong, or pass, and
 * never in a RangeError, a TypeError or unbounded work.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { permissionMatrix } from '../../src/access/default-matrix.js';
import { isOrgkitError } from '../../src/errors.js';
import { settingsSchema } from '../../src/schemas/common.js';
import { createSchemas } from '../../src/schemas/inputs.js';
import { parse } from '../../src/schemas/parse.js';

const schemas = createSchemas(permissionMatrix.roles);

/** The one issue of updating `settings`, as `path: message`; any throw but VALIDATION_FAILED fails the test. */
function refusal(settings: unknown): string {
  try {
    parse(schemas.updateOrganization as z.ZodType, { settings });
  } catch (error) {
    if (!isOrgkitError(error, 'VALIDATION_FAILED')) throw error;
    expect(error.details.issues).toHaveLength(1);
    const [issue] = error.details.issues;
    return `${issue!.path.join('.')}: ${issue!.message}`;
  }
  throw new Error('expected the settings to be refused');
}

/** `depth` levels of alternating arrays and objects around `leaf`. */
function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { v: value };
  return value;
}

describe('depth', () => {
  it('accepts 32 levels, the settings object included', () => {
    const settings = { a: nested(31) };
    expect(parse(settingsSchema, settings)).toEqual(settings);
  });

  it('refuses 33 levels, at the level too deep', () => {
    const [path, message] = refusal({ a: nested(32) }).split(': ');
    expect(message).toMatch(/32 levels/);
    // `settings`, then the 32 keys down to the 33rd level.
    expect(path?.split('.')).toHaveLength(33);
  });

  it.each([
    ['arrays', () => JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
    ['objects', () => JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`)],
  ])('refuses 100,000 levels of %s without overflowing the stack', (_, build) => {
    expect(refusal({ deep: build() })).toMatch(/32 levels/);
  });
});

describe('cycles and shared values', () => {
  it('refuses settings that contain themselves', () => {
    const settings: Record<string, unknown> = {};
    settings.self = settings;
    expect(refusal(settings)).toMatch(/^settings\.self: .*cycle/);
  });

  it('refuses a cycle through an array', () => {
    const list: unknown[] = ['a'];
    list.push({ back: list });
    expect(refusal({ list })).toMatch(/^settings\.list\.1\.back: .*cycle/);
  });

  it('accepts one value under two keys, as JSON writes it twice', () => {
    const shared = { accent: '#ff0' };
    expect(parse(settingsSchema, { light: shared, dark: shared })).toEqual({ light: shared, dark: shared });
  });

  it('refuses 2^30 paths through 30 shared levels as too big, at once', () => {
    let value: unknown = 'x';
    for (let level = 0; level < 30; level += 1) value = { l: value, r: value };
    expect(refusal({ tree: value })).toMatch(/^settings: .*16 KiB/);
  });
});

describe('size', () => {
  it('counts UTF-8 bytes: 8,188 two-byte letters fit, 8,189 do not', () => {
    // `{"k":"…"}` is 8 bytes plus the value.
    expect(parse(settingsSchema, { k: 'é'.repeat(8_188) })).toBeDefined();
    expect(refusal({ k: 'é'.repeat(8_189) })).toMatch(/16 KiB/);
  });

  it.each([
    ['a string of 16 MB', () => ({ k: 'x'.repeat(16_000_000) })],
    ['a key of 16 MB', () => ({ ['k'.repeat(16_000_000)]: 1 })],
    ['a million keys', () => Object.fromEntries(Array.from({ length: 1_000_000 }, (_, i) => [`k${i}`, 1]))],
    ['an array of 2^32 - 1 holes', () => ({ list: Object.assign([], { length: 2 ** 32 - 1 }) })],
  ])('refuses %s', (_, build) => {
    expect(refusal(build())).toMatch(/^settings: .*16 KiB/);
  });
});

describe('text', () => {
  it.each([
    ['NUL in a value', { motto: 'a\u0000b' }, 'settings.motto'],
    ['NUL in a key', { 'a\u0000': 1 }, 'settings.a\u0000'],
    ['NUL deep inside', { a: [{ b: ['\u0000'] }] }, 'settings.a.0.b.0'],
    ['a lone high surrogate', { a: '\ud83d' }, 'settings.a'],
    ['a lone low surrogate in a nested key', { a: { '\ude00': 1 } }, 'settings.a.\ude00'],
    ['a surrogate pair reversed', { a: '\ude00\ud83d' }, 'settings.a'],
  ])('refuses %s', (_, settings, path) => {
    expect(refusal(settings)).toMatch(new RegExp(`^${path.replaceAll('.', '\\.')}: .*(NUL|surrogate)`));
  });

  it('accepts other control characters, format characters and emoji', () => {
    const settings = {
      template: 'Hi\n\tthere \u0001\u007f\u200b\u202e',
      emoji: '👨\u200d👩\u200d👧',
      nested: { '': ' ' },
    };
    expect(parse(settingsSchema, settings)).toEqual(settings);
  });
});

describe('what is not JSON data', () => {
  class Theme {
    dark = true;
  }

  it.each([
    ['undefined', { a: undefined }, 'settings.a'],
    ['a function', { a: () => 1 }, 'settings.a'],
    ['a symbol', { a: Symbol('s') }, 'settings.a'],
    ['a bigint', { a: 1n }, 'settings.a'],
    ['NaN', { a: [1, Number.NaN] }, 'settings.a.1'],
    ['Infinity', { a: Number.POSITIVE_INFINITY }, 'settings.a'],
    ['a Date', { a: new Date(0) }, 'settings.a'],
    ['a Map', { a: new Map() }, 'settings.a'],
    ['a class instance', { a: new Theme() }, 'settings.a'],
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    ['an array hole', { a: [1, , 3] }, 'settings.a.1'],
  ])('refuses %s with its path', (_, settings, path) => {
    expect(refusal(settings)).toMatch(new RegExp(`^${path.replaceAll('.', '\\.')}: Not JSON data`));
  });

  it('refuses a getter without calling it', () => {
    let calls = 0;
    const settings = {
      get theme() {
        calls += 1;
        return 'dark';
      },
    };
    expect(refusal(settings)).toMatch(/^settings\.theme: Not JSON data/);
    expect(calls).toBe(0);
  });

  it('refuses a proxy whose traps throw, and a revoked one', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new TypeError('trap');
        },
      },
    );
    expect(refusal({ a: hostile })).toMatch(/Not JSON data/);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(refusal({ a: proxy })).toMatch(/Not JSON data/);
    expect(refusal(proxy)).toMatch(/Not JSON data/);
  });

  it('accepts an object without a prototype', () => {
    const settings = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(parse(settingsSchema, settings)).toEqual({ a: 1 });
  });

  it.each([
    ['a string', 'dark'],
    ['an array', [1]],
    ['null', null],
    ['a Date', new Date(0)],
  ])('leaves the type of settings that are %s to the record check', (_, settings) => {
    expect(refusal(settings)).toMatch(/^settings: /);
  });

  it('still bounds top-level keys', () => {
    expect(refusal({ ['k'.repeat(101)]: 1 })).toMatch(/^settings/);
  });
});
