/**
 * JSON Schema for the routes, for the OpenAPI document and for Fastify's
 * route schemas: inputs from the zod schemas (as a client must send them),
 * responses from the response shapes.
 */
import { z } from 'zod';
import type { Matrix } from '../access/matrix.js';
import { ORGKIT_ERROR_CODES } from '../errors.js';
import { AUDIT_ACTIONS } from '../services/audit-trail.js';
import { INVITATION_STATUSES, MEMBER_STATUSES } from '../store/records.js';
import { ENTITIES, type EntityName, type FieldKind, type ResponseShape } from './response-shapes.js';
import type { AnyRoute } from './route.js';

export type JsonSchema = { [keyword: string]: unknown };

/**
 * A zod schema as the JSON Schema of what a client sends (`io: 'input'`:
 * defaults optional, before transforms), self-contained so it can be
 * embedded anywhere. The one recursive input, a settings value, is any JSON:
 * its `$defs` reference is written as `{}` (any value) rather than a pointer
 * that would dangle once embedded.
 */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, $defs: _defs, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return withoutDefinitionRefs(json) as JsonSchema;
}

function withoutDefinitionRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefinitionRefs);
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) return {};
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, withoutDefinitionRefs(field)]));
}

const ISO_DATE = { type: 'string', format: 'date-time' } as const;
const JSON_VALUE = {} as const;

function fieldSchema(kind: FieldKind, matrix: Matrix): JsonSchema {
  switch (kind) {
    case 'id':
    case 'string':
      return { type: 'string' };
    case 'id|null':
      return { type: ['string', 'null'] };
    case 'id[]':
      return { type: 'array', items: { type: 'string' } };
    case 'email':
      return { type: 'string', format: 'email' };
    case 'email|null':
      return { type: ['string', 'null'], format: 'email' };
    case 'timezone':
      return { type: 'string', description: 'An IANA time zone name, such as Europe/Berlin.' };
    case 'date':
      return { ...ISO_DATE };
    case 'date|null':
      return { type: ['string', 'null'], format: 'date-time' };
    case 'role':
      return { type: 'string', enum: [...matrix.roles] };
    case 'role[]':
      return { type: 'array', items: { type: 'string', enum: [...matrix.roles] } };
    case 'memberStatus':
      return { type: 'string', enum: [...MEMBER_STATUSES] };
    case 'invitationStatus':
      return { type: 'string', enum: [...INVITATION_STATUSES] };
    case 'auditAction':
      return { type: 'string', enum: [...AUDIT_ACTIONS] };
    case 'auditTarget':
      return { type: 'string', enum: ['organization', 'member', 'invitation', 'project'] };
    case 'settings':
      return { type: 'object', additionalProperties: JSON_VALUE };
    case 'changes':
      return {
        type: 'object',
        description: 'Before and after of each changed field; dates as ISO strings.',
        additionalProperties: {
          type: 'object',
          required: ['before', 'after'],
          properties: { before: JSON_VALUE, after: JSON_VALUE },
          additionalProperties: false,
        },
      };
    case 'grants':
      return {
        type: 'object',
        description: 'Each permission held, with its scope; a permission not held is absent.',
        properties: Object.fromEntries(
          matrix.permissions.map((permission) => [permission, { type: 'string', enum: ['all', 'assigned'] }]),
        ),
        additionalProperties: false,
      };
  }
}

/** How nested entities are written: as `$ref`s to OpenAPI components, or inline (Fastify). */
export type EntityRefs = 'components' | 'inline';

export function entitySchema(name: EntityName, matrix: Matrix, refs: EntityRefs): JsonSchema {
  const fields = Object.entries(ENTITIES[name]) as [string, string][];
  return {
    type: 'object',
    required: fields.map(([field]) => field),
    properties: Object.fromEntries(
      fields.map(([field, kind]) => [
        field,
        kind in ENTITIES ? entityRef(kind as EntityName, matrix, refs) : fieldSchema(kind as FieldKind, matrix),
      ]),
    ),
    additionalProperties: false,
  };
}

function entityRef(name: EntityName, matrix: Matrix, refs: EntityRefs): JsonSchema {
  return refs === 'components' ? { $ref: `#/components/schemas/${name}` } : entitySchema(name, matrix, refs);
}

export function responseJsonSchema(shape: ResponseShape, matrix: Matrix, refs: EntityRefs): JsonSchema {
  if (typeof shape === 'string') return entityRef(shape, matrix, refs);
  const items = { type: 'array', items: entityRef('page' in shape ? shape.page : shape.items, matrix, refs) };
  return 'page' in shape
    ? {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items,
          nextCursor: { type: ['string', 'null'], description: 'Pass back as `cursor`; null on the last page.' },
        },
        additionalProperties: false,
      }
    : { type: 'object', required: ['items'], properties: { items }, additionalProperties: false };
}

/** `{ "error": { "code", "message", "details"? } }`; `INTERNAL` has no message. */
export const ERROR_BODY_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code'],
      properties: {
        code: { type: 'string', enum: Object.keys(ORGKIT_ERROR_CODES) },
        message: { type: 'string' },
        details: {
          type: 'object',
          description: 'Per code: the zod issues, the reason of a refusal, what was not found.',
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

/** Each error answer, once, under `components.responses`. */
export const ERRORS = {
  400: ['BadRequest', 'VALIDATION_FAILED: the path, query or body fails its schema, or the body is not a JSON object.'],
  401: ['Unauthenticated', 'UNAUTHENTICATED: no signed-in user, or not an active member of this organization.'],
  403: ['Forbidden', 'FORBIDDEN: the role lacks the permission or a role rule refuses; `details.reason` says which.'],
  404: ['NotFound', 'NOT_FOUND: no such route, or no such organization, member, project or invitation here.'],
  409: ['Conflict', 'CONFLICT (already a member, a pending invitation, email taken) or LAST_OWNER.'],
  410: ['Gone', 'INVITATION_INVALID or INVITATION_EXPIRED: the token no longer works.'],
  413: ['PayloadTooLarge', 'VALIDATION_FAILED: the body exceeds 64 KiB.'],
  415: ['UnsupportedMediaType', 'VALIDATION_FAILED: every request but GET must be sent as application/json.'],
  500: ['Internal', 'INTERNAL: the server failed; the response says no more.'],
} as const;

export type ErrorStatus = keyof typeof ERRORS;

/** The error answers a route can give, from who may call it and whether it changes anything. */
export function errorStatuses(route: AnyRoute): ErrorStatus[] {
  const statuses: ErrorStatus[] = [400, 404];
  const tokenCredential = route.access === 'public' || route.access === 'anyone';
  if (!tokenCredential) statuses.push(401);
  if (route.access !== 'public') statuses.push(403);
  if ((route.access === 'member' && route.method !== 'GET') || route.access === 'anyone') statuses.push(409);
  if (tokenCredential) statuses.push(410);
  if (route.method !== 'GET') statuses.push(413, 415);
  statuses.push(500);
  return statuses.sort((a, b) => a - b);
}
