/**
 * What each response holds, as plain data: the one description the OpenAPI
 * document compiles to JSON Schema, the client walks to revive dates, and
 * the route table is type-checked against (a route's call must answer its
 * shape). The server also projects every response through it, so a field
 * the description does not name never leaves the server.
 *
 * Browser-safe: no imports.
 */

/** What a field holds. `date` travels as an ISO 8601 string; an entity name nests that entity. */
export type FieldKind =
  | 'id'
  | 'id|null'
  | 'id[]'
  | 'string'
  | 'email'
  | 'email|null'
  | 'timezone'
  | 'date'
  | 'date|null'
  | 'role'
  | 'role[]'
  | 'memberStatus'
  | 'invitationStatus'
  | 'auditAction'
  | 'auditTarget'
  | 'settings'
  | 'changes'
  | 'grants';

export const ENTITIES = {
  Organization: { id: 'id', name: 'string', settings: 'settings', createdAt: 'date', updatedAt: 'date' },
  Member: {
    userId: 'id',
    organizationId: 'id',
    fullName: 'string',
    email: 'email',
    pendingEmail: 'email|null',
    role: 'role',
    status: 'memberStatus',
    timezone: 'timezone',
    projectIds: 'id[]',
    createdAt: 'date',
    updatedAt: 'date',
  },
  Invitation: {
    id: 'id',
    organizationId: 'id',
    email: 'email',
    role: 'role',
    projectIds: 'id[]',
    status: 'invitationStatus',
    invitedBy: 'id|null',
    expiresAt: 'date',
    acceptedAt: 'date|null',
    createdAt: 'date',
    updatedAt: 'date',
  },
  Project: { id: 'id', organizationId: 'id', name: 'string', createdAt: 'date', updatedAt: 'date' },
  AuditEvent: {
    id: 'id',
    organizationId: 'id',
    actorId: 'id|null',
    action: 'auditAction',
    targetType: 'auditTarget',
    targetId: 'id',
    changes: 'changes',
    createdAt: 'date',
  },
  Membership: { organization: 'Organization', role: 'role', status: 'memberStatus' },
  InvitationPreview: { organizationName: 'string', email: 'email', role: 'role', expiresAt: 'date' },
  Acceptance: { member: 'Member' },
  Access: { member: 'Member', role: 'role', permissions: 'grants', roles: 'role[]', grantableRoles: 'role[]' },
} as const satisfies Record<string, Record<string, FieldKind | string>>;

export type EntityName = keyof typeof ENTITIES;

/** A route's success body: one entity, a page of them (`{ items, nextCursor }`), or a list (`{ items }`). */
export type ResponseShape = EntityName | { readonly page: EntityName } | { readonly items: EntityName };

const isEntity = (kind: string): kind is EntityName => Object.hasOwn(ENTITIES, kind);

/** The entity a shape's body (or each of its `items`) holds. */
export function entityOf(shape: ResponseShape): EntityName {
  return typeof shape === 'string' ? shape : 'page' in shape ? shape.page : shape.items;
}

/**
 * Rebuilds `value` with only the fields `shape` names, each field through
 * `field(kind, value)` (entities recursively). The server projects with the
 * identity; the client revives dates.
 */
export function mapShape(
  shape: ResponseShape,
  value: unknown,
  field: (kind: FieldKind, value: unknown) => unknown,
): unknown {
  const entity = (name: EntityName, item: unknown): unknown => {
    if (typeof item !== 'object' || item === null) return item;
    const source = item as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, kind] of Object.entries(ENTITIES[name]) as [string, string][]) {
      if (!(key in source)) continue;
      out[key] = isEntity(kind) ? entity(kind, source[key]) : field(kind as FieldKind, source[key]);
    }
    return out;
  };
  if (typeof shape === 'string') return entity(shape, value);
  const body = (value ?? {}) as { items?: unknown; nextCursor?: unknown };
  const items = Array.isArray(body.items) ? body.items.map((item) => entity(entityOf(shape), item)) : body.items;
  return 'page' in shape ? { items, nextCursor: body.nextCursor ?? null } : { items };
}
