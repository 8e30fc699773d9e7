/**
 * Settings are the one input of arbitrary shape. Everything that would make
 * a deeper check throw instead of answer, or do unbounded work, is found
 * here first, by one iterative walk that stops at the first problem: nesting
 * deep enough to overflow a recursive parser (z.json()), a cycle (which
 * JSON.stringify throws on), a sparse array claiming billions of slots, and
 * text that Postgres `jsonb` refuses while SQLite and memory keep it.
 */
import { isStorableJsonText } from './text.js';

export const SETTINGS_MAX_BYTES = 16_384;
/** Levels of objects and arrays, the settings object itself being the first. */
export const SETTINGS_MAX_DEPTH = 32;

export interface SettingsProblem {
  path: Array<string | number>;
  message: string;
}

interface Frame {
  value: unknown;
  path: Array<string | number>;
  depth: number;
  parent: Frame | undefined;
}

const TOO_BIG = `Settings must serialize to at most ${SETTINGS_MAX_BYTES / 1024} KiB.`;
const NOT_JSON = 'Not JSON data: only strings, finite numbers, booleans, null, arrays and plain objects.';

/**
 * The first problem with `settings`, or null. A value that is not a plain
 * object is left to the record schema, which names its type.
 */
export function findSettingsProblem(settings: unknown): SettingsProblem | null {
  try {
    if (!isPlainObject(settings)) return null;
    const problem = walk(settings);
    if (problem !== null) return problem;
    // The walk proved the value acyclic, shallow and small, so this cannot throw.
    const bytes = Buffer.byteLength(JSON.stringify(settings), 'utf8');
    return bytes > SETTINGS_MAX_BYTES ? { path: [], message: TOO_BIG } : null;
  } catch {
    // A proxy whose traps throw: what cannot be read is not JSON data.
    return { path: [], message: NOT_JSON };
  }
}

/**
 * Counts a lower bound of the serialized size as it goes (escapes only add
 * to it), and every value visited adds at least one byte: the walk visits at
 * most ~16 K values whatever the input claims.
 */
function walk(root: object): SettingsProblem | null {
  let bytes = 0;
  const stack: Frame[] = [{ value: root, path: [], depth: 1, parent: undefined }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { value, path } = frame;
    if (typeof value === 'string') {
      bytes += Buffer.byteLength(value, 'utf8') + 2;
      if (bytes > SETTINGS_MAX_BYTES) return { path: [], message: TOO_BIG };
      if (!isStorableJsonText(value))
        return { path, message: 'Settings text must not contain NUL or lone surrogates.' };
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { path, message: NOT_JSON };
      bytes += String(value).length;
    } else if (typeof value === 'boolean' || value === null) {
      bytes += String(value).length;
    } else if (typeof value !== 'object') {
      return { path, message: NOT_JSON };
    } else {
      if (refersToAncestor(frame)) return { path, message: 'Settings must not contain themselves (a cycle).' };
      if (frame.depth > SETTINGS_MAX_DEPTH) {
        return { path, message: `Settings may nest objects and arrays at most ${SETTINGS_MAX_DEPTH} levels deep.` };
      }
      const keys = Array.isArray(value) ? null : isPlainObject(value) ? Object.keys(value) : undefined;
      if (keys === undefined) return { path, message: NOT_JSON };
      const count = keys === null ? (value as unknown[]).length : keys.length;
      // Brackets, commas, and for objects two quotes and a colon per key.
      bytes += 1 + Math.max(count, 1) + (keys === null ? 0 : 3 * count);
      if (bytes > SETTINGS_MAX_BYTES) return { path: [], message: TOO_BIG };
      for (let index = count - 1; index >= 0; index -= 1) {
        const key = keys === null ? index : keys[index]!;
        if (typeof key === 'string') {
          bytes += Buffer.byteLength(key, 'utf8');
          if (bytes > SETTINGS_MAX_BYTES) return { path: [], message: TOO_BIG };
          if (!isStorableJsonText(key)) {
            return { path: [...path, key], message: 'Settings keys must not contain NUL or lone surrogates.' };
          }
        }
        // A getter is code, not data, and a hole is not JSON: neither is read.
        const property = Object.getOwnPropertyDescriptor(value, key);
        if (property === undefined || !('value' in property)) return { path: [...path, key], message: NOT_JSON };
        stack.push({ value: property.value, path: [...path, key], depth: frame.depth + 1, parent: frame });
      }
    }
  }
  return null;
}

function refersToAncestor(frame: Frame): boolean {
  for (let ancestor = frame.parent; ancestor !== undefined; ancestor = ancestor.parent) {
    if (ancestor.value === frame.value) return true;
  }
  return false;
}

/** An object literal or `Object.create(null)`, from this realm or another. */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
