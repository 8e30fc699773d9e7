/**
 * The permission matrix as data. `defineMatrix` validates a definition once
 * and precomputes one bitmask per role and scope, so a check is two array
 * reads and a shift.
 */

/** `all`: everywhere in the organization. `assigned`: only in projects the member is assigned to. */
export type Scope = 'all' | 'assigned';

/** A permission is `resource:action`. */
export type PermissionString = `${string}:${string}`;

export interface RoleDefinition {
  /**
   * Higher ranks outrank lower ones. A member may grant a role, or act on a
   * member holding it, only when its rank is not above their own.
   */
  readonly rank: number;
}

export interface MatrixDefinition<R extends string, P extends PermissionString> {
  readonly roles: { readonly [K in R]: RoleDefinition };
  readonly permissions: { readonly [K in P]: { readonly [Q in R]?: Scope } };
}

export interface Matrix<R extends string = string, P extends PermissionString = PermissionString> {
  readonly roles: readonly R[];
  readonly permissions: readonly P[];
  readonly definition: MatrixDefinition<R, P>;
  /** Whether `role` holds `permission` in any scope. Unknown roles hold nothing. */
  can(role: string, permission: P): boolean;
  /** The scope in which `role` holds `permission`, or `null`. */
  scope(role: string, permission: P): Scope | null;
  /** The rank of a role; `undefined` for an unknown role. */
  rank(role: string): number | undefined;
  isRole(value: unknown): value is R;
}

export type RoleOf<M> = M extends Matrix<infer R, PermissionString> ? R : never;
export type PermissionOf<M> = M extends Matrix<string, infer P> ? P : never;

/** The role every matrix must have: it cannot be outranked and an organization always keeps one. */
export const OWNER_ROLE = 'owner';

const PERMISSION_PATTERN = /^[a-z][a-z0-9_-]*:[a-z][a-z0-9_-]*$/;
const ROLE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

interface Extension<BR extends string, BP extends PermissionString, R extends string, P extends PermissionString> {
  /** Start from this matrix; its roles and grants are kept unless overridden here. */
  readonly extends?: Matrix<BR, BP>;
  readonly roles?: { readonly [K in R]: RoleDefinition };
  // NoInfer: role names inside grants must come from `roles`/`extends`, not widen R.
  readonly permissions?: { readonly [K in P]: { readonly [Q in BR | NoInfer<R>]?: Scope } };
}

/**
 * Defines a matrix, or extends one: `defineMatrix({ extends: permissionMatrix,
 * roles: { viewer: { rank: 0 } }, permissions: { 'billing:read': { owner: 'all' } } })`.
 * Grants given for a permission the base already has are merged role by role.
 */
export function defineMatrix<
  const R extends string = never,
  const P extends PermissionString = never,
  BR extends string = never,
  BP extends PermissionString = never,
>(definition: Extension<BR, BP, R, P>): Matrix<BR | R, BP | P> {
  type AR = BR | R;
  type AP = BP | P;
  const base = definition.extends?.definition;
  const roles = { ...base?.roles, ...definition.roles } as Record<AR, RoleDefinition>;
  const permissions = { ...base?.permissions } as Record<string, Record<string, Scope>>;
  for (const [permission, grants] of Object.entries(definition.permissions ?? {})) {
    permissions[permission] = { ...permissions[permission], ...(grants as Record<string, Scope>) };
  }

  const roleNames = Object.keys(roles) as AR[];
  const permissionNames = Object.keys(permissions) as AP[];
  assertValid(roles, permissions);

  const index = new Map<string, number>(permissionNames.map((p, i) => [p, i]));
  const words = Math.ceil(permissionNames.length / 32) || 1;
  const masks = new Map<string, { all: Uint32Array; assigned: Uint32Array; rank: number }>();
  for (const role of roleNames) {
    const all = new Uint32Array(words);
    const assigned = new Uint32Array(words);
    permissionNames.forEach((permission, i) => {
      const scope = permissions[permission]?.[role];
      if (scope === 'all') all[i >>> 5]! |= 1 << (i & 31);
      if (scope === 'assigned') assigned[i >>> 5]! |= 1 << (i & 31);
    });
    masks.set(role, { all, assigned, rank: roles[role].rank });
  }

  const scope = (role: string, permission: string): Scope | null => {
    const mask = masks.get(role);
    const i = index.get(permission);
    if (mask === undefined || i === undefined) return null;
    const bit = 1 << (i & 31);
    if (mask.all[i >>> 5]! & bit) return 'all';
    if (mask.assigned[i >>> 5]! & bit) return 'assigned';
    return null;
  };

  return Object.freeze({
    roles: Object.freeze(roleNames),
    permissions: Object.freeze(permissionNames),
    definition: Object.freeze({ roles, permissions }) as unknown as MatrixDefinition<AR, AP>,
    can: (role: string, permission: AP) => scope(role, permission) !== null,
    scope,
    rank: (role: string) => masks.get(role)?.rank,
    isRole: (value: unknown): value is AR => typeof value === 'string' && masks.has(value),
  });
}

function assertValid(roles: Record<string, RoleDefinition>, permissions: Record<string, Record<string, Scope>>): void {
  const problems: string[] = [];
  if (!(OWNER_ROLE in roles)) problems.push(`the matrix must define the "${OWNER_ROLE}" role`);
  const ownerRank = roles[OWNER_ROLE]?.rank ?? Number.POSITIVE_INFINITY;
  for (const [role, { rank }] of Object.entries(roles)) {
    if (!ROLE_PATTERN.test(role)) problems.push(`role "${role}" must be lower-case letters, digits, "_" or "-"`);
    if (!Number.isFinite(rank)) problems.push(`role "${role}" needs a finite rank`);
    if (role !== OWNER_ROLE && rank >= ownerRank) problems.push(`role "${role}" must rank below "${OWNER_ROLE}"`);
  }
  for (const [permission, grants] of Object.entries(permissions)) {
    if (!PERMISSION_PATTERN.test(permission)) problems.push(`permission "${permission}" must be "resource:action"`);
    for (const [role, scope] of Object.entries(grants)) {
      if (!(role in roles)) problems.push(`permission "${permission}" names unknown role "${role}"`);
      if (scope !== 'all' && scope !== 'assigned')
        problems.push(`permission "${permission}" has bad scope for "${role}"`);
    }
  }
  if (problems.length > 0) throw new TypeError(`Invalid permission matrix: ${problems.join('; ')}.`);
}
