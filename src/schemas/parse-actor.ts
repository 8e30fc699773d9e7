/**
 * `authorize` validates its actor and options on every check, so the usual,
 * well-formed input skips zod: a plain object holding exactly the expected
 * keys, with ids `idSchema` accepts. Anything else goes through the schema,
 * which gives the same answer and the same `VALIDATION_FAILED` as before.
 */
import type { z } from 'zod';
import { type Actor, actorSchema } from './common.js';
import { parse } from './parse.js';
import { isPrintableId } from './text.js';

/** What `idSchema` accepts. */
function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 128 && isPrintableId(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether every enumerable key of `value` (own or inherited, as zod's strict check sees them) is in `allowed`. */
function onlyKeys(value: object, allowed: readonly string[]): boolean {
  for (const name in value) if (!allowed.includes(name)) return false;
  return true;
}

const ACTOR_KEYS = ['userId', 'organizationId'] as const;
const OPTION_KEYS = ['projectId'] as const;

/** `parse(actorSchema, raw)`. */
export function parseActor(raw: unknown): Actor {
  if (isPlainObject(raw) && onlyKeys(raw, ACTOR_KEYS) && isId(raw.userId) && isId(raw.organizationId)) {
    return { userId: raw.userId, organizationId: raw.organizationId };
  }
  return parse(actorSchema, raw);
}

/** `parse(schema, raw)` for `authorize`'s options, `schema` being `strictObject({ projectId: idSchema.optional() })`. */
export function parseAuthorizeOptions(schema: z.ZodType, raw: unknown): { projectId?: string | undefined } {
  if (raw === undefined) return {};
  if (isPlainObject(raw) && onlyKeys(raw, OPTION_KEYS) && (raw.projectId === undefined || isId(raw.projectId))) {
    return raw.projectId === undefined ? {} : { projectId: raw.projectId };
  }
  return parse(schema, raw) as { projectId?: string | undefined };
}
