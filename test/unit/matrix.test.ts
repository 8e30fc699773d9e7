import { describe, expect, it } from 'vitest';
import { type Permission, permissionMatrix } from '../../src/access/default-matrix.js';
import { defineMatrix, type PermissionString, type Scope } from '../../src/access/matrix.js';

type Cell = Scope | null;

/** The default matrix, written out cell by cell: [owner, admin, user]. */
const DOCUMENTED_TABLE: Record<string, readonly [Cell, Cell, Cell]> = {
  'organization:read': ['all', 'all', 'all'],
  'organization:update': ['all', 'all', null],
  'settings:update': ['all', 'all', null],
  'organization:delete': ['all', null, null],
  'members:read': ['all', 'all', null],
  'members:invite': ['all', 'all', null],
  'members:update': ['all', 'all', null],
  'members:disable': ['all', 'all', null],
  'members:remove': ['all', 'all', null],
  'invitations:read': ['all', 'all', null],
  'invitations:revoke': ['all', 'all', null],
  'projects:create': ['all', 'all', null],
  'projects:update': ['all', 'all', null],
  'projects:delete': ['all', 'all', null],
  'projects:assign': ['all', 'all', null],
  'projects:read': ['all', 'all', 'assigned'],
  'bots:read': ['all', 'all', 'assigned'],
  'bots:create': ['all', 'all', 'assigned'],
  'bots:update': ['all', 'all', 'assigned'],
  'bots:delete': ['all', 'all', 'assigned'],
  'audit:read': ['all', 'all', null],
  'profile:update': ['all', 'all', 'all'],
};

const ROLES = ['owner', 'admin', 'user'] as const;

const CELLS = Object.entries(DOCUMENTED_TABLE).flatMap(([permission, scopes]) =>
  ROLES.map((role, column) => ({ permission: permission as Permission, role, expected: scopes[column] ?? null })),
);

describe('default permissionMatrix', () => {
  it('has exactly the roles owner, admin and user', () => {
    expect([...permissionMatrix.roles].sort()).toEqual(['admin', 'owner', 'user']);
  });

  it('has exactly the permissions of the documented table, none beyond', () => {
    expect([...permissionMatrix.permissions].sort()).toEqual(Object.keys(DOCUMENTED_TABLE).sort());
  });

  it.each(CELLS)('$role holds $permission with scope $expected', ({ permission, role, expected }) => {
    expect(permissionMatrix.scope(role, permission)).toBe(expected);
    expect(permissionMatrix.can(role, permission)).toBe(expected !== null);
  });

  it('ranks owner above admin above user', () => {
    const owner = permissionMatrix.rank('owner')!;
    const admin = permissionMatrix.rank('admin')!;
    const user = permissionMatrix.rank('user')!;
    expect(owner).toBeGreaterThan(admin);
    expect(admin).toBeGreaterThan(user);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(permissionMatrix)).toBe(true);
    expect(Object.isFrozen(permissionMatrix.permissions)).toBe(true);
    expect(Object.isFrozen(permissionMatrix.roles)).toBe(true);
  });
});

describe('permissionMatrix.can(role, permission)', () => {
  it('answers true for an assigned-scope grant (scope is the caller’s to narrow)', () => {
    expect(permissionMatrix.can('user', 'bots:create')).toBe(true);
    expect(permissionMatrix.scope('user', 'bots:create')).toBe('assigned');
  });
});

describe('unknown roles and permissions', () => {
  it.each(['guest', 'Owner', ' owner', '', 'constructor', '__proto__', 'toString'])('role %j holds nothing', (role) => {
    for (const permission of permissionMatrix.permissions) {
      expect(permissionMatrix.scope(role, permission)).toBeNull();
      expect(permissionMatrix.can(role, permission)).toBe(false);
    }
    expect(permissionMatrix.rank(role)).toBeUndefined();
    expect(permissionMatrix.isRole(role)).toBe(false);
  });

  it('an unknown permission is held by nobody', () => {
    for (const role of ROLES) {
      expect(permissionMatrix.scope(role, 'billing:read' as Permission)).toBeNull();
      expect(permissionMatrix.scope(role, 'constructor' as Permission)).toBeNull();
    }
  });

  it('isRole recognizes exactly the three roles', () => {
    for (const role of ROLES) expect(permissionMatrix.isRole(role)).toBe(true);
    expect(permissionMatrix.isRole(1)).toBe(false);
    expect(permissionMatrix.isRole(null)).toBe(false);
  });
});

describe('defineMatrix with extends', () => {
  // Two steps: a role and grants naming base roles in one call do not type-check yet (see report on defineMatrix).
  const withViewer = defineMatrix({ extends: permissionMatrix, roles: { viewer: { rank: 5 } } });
  const extended = defineMatrix({
    extends: withViewer,
    permissions: {
      'billing:read': { owner: 'all', admin: 'all' },
      'projects:read': { viewer: 'assigned' },
      'organization:read': { viewer: 'all' },
    },
  });

  it('adds a fourth role, ranked where it was put', () => {
    expect([...extended.roles].sort()).toEqual(['admin', 'owner', 'user', 'viewer']);
    expect(extended.rank('viewer')).toBe(5);
    expect(extended.isRole('viewer')).toBe(true);
  });

  it('adds a new permission', () => {
    expect(extended.permissions).toContain('billing:read');
    expect(extended.scope('owner', 'billing:read')).toBe('all');
    expect(extended.scope('admin', 'billing:read')).toBe('all');
    expect(extended.scope('user', 'billing:read')).toBeNull();
    expect(extended.scope('viewer', 'billing:read')).toBeNull();
  });

  it('merges grants for an existing permission role by role, keeping the base grants', () => {
    expect(extended.scope('viewer', 'projects:read')).toBe('assigned');
    expect(extended.scope('owner', 'projects:read')).toBe('all');
    expect(extended.scope('admin', 'projects:read')).toBe('all');
    expect(extended.scope('user', 'projects:read')).toBe('assigned');
    expect(extended.scope('viewer', 'organization:read')).toBe('all');
  });

  it('keeps every base cell it does not touch', () => {
    for (const { permission, role, expected } of CELLS) {
      expect(extended.scope(role, permission)).toBe(expected);
    }
    for (const permission of permissionMatrix.permissions) {
      if (permission === 'projects:read' || permission === 'organization:read') continue;
      expect(extended.scope('viewer', permission)).toBeNull();
    }
  });

  it('can override an existing grant', () => {
    const stricter = defineMatrix({ extends: permissionMatrix, permissions: { 'audit:read': { admin: 'assigned' } } });
    expect(stricter.scope('admin', 'audit:read')).toBe('assigned');
    expect(stricter.scope('owner', 'audit:read')).toBe('all');
  });

  it('leaves the base matrix unchanged', () => {
    expect(permissionMatrix.permissions).not.toContain('billing:read');
    expect(permissionMatrix.isRole('viewer')).toBe(false);
    expect(permissionMatrix.scope('user', 'projects:read')).toBe('assigned');
  });
});

describe('defineMatrix refuses invalid definitions', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    [
      'no owner role',
      () => defineMatrix({ roles: { admin: { rank: 2 } }, permissions: { 'a:b': { admin: 'all' } } }),
      /"owner" role/,
    ],
    [
      'a role ranked equal to owner',
      () => defineMatrix({ roles: { owner: { rank: 10 }, admin: { rank: 10 } }, permissions: {} }),
      /"admin" must rank below "owner"/,
    ],
    [
      'a role ranked above owner',
      () => defineMatrix({ extends: permissionMatrix, roles: { root: { rank: 1000 } } }),
      /"root" must rank below "owner"/,
    ],
    [
      'a non-finite rank',
      () => defineMatrix({ roles: { owner: { rank: 10 }, admin: { rank: Number.NaN } }, permissions: {} }),
      /finite rank/,
    ],
    [
      'a permission without an action',
      () => defineMatrix({ extends: permissionMatrix, permissions: { 'billing:': { owner: 'all' } } }),
      /"billing:" must be "resource:action"/,
    ],
    [
      'a permission with upper case',
      () => defineMatrix({ extends: permissionMatrix, permissions: { 'Billing:Read': { owner: 'all' } } }),
      /must be "resource:action"/,
    ],
    [
      'a permission with three parts',
      () => defineMatrix({ extends: permissionMatrix, permissions: { 'a:b:c': { owner: 'all' } } }),
      /must be "resource:action"/,
    ],
    [
      'a permission without a colon',
      () =>
        defineMatrix({
          extends: permissionMatrix,
          permissions: { billing: { owner: 'all' } } as unknown as Record<PermissionString, { owner: Scope }>,
        }),
      /"billing" must be "resource:action"/,
    ],
    [
      'a grant to an unknown role',
      () =>
        defineMatrix({
          extends: permissionMatrix,
          permissions: { 'billing:read': { guest: 'all' } } as unknown as Record<PermissionString, { owner: Scope }>,
        }),
      /unknown role "guest"/,
    ],
    [
      'a bad scope',
      () =>
        defineMatrix({
          extends: permissionMatrix,
          permissions: { 'billing:read': { owner: 'everything' as Scope } },
        }),
      /bad scope for "owner"/,
    ],
    [
      'a role name with upper case',
      () => defineMatrix({ extends: permissionMatrix, roles: { Viewer: { rank: 1 } } }),
      /role "Viewer" must be lower-case/,
    ],
  ];

  it.each(cases)('throws a TypeError for %s', (_name, define, message) => {
    expect(define).toThrow(TypeError);
    expect(define).toThrow(message);
  });

  it('accepts a minimal valid matrix', () => {
    const minimal = defineMatrix({ roles: { owner: { rank: 1 } }, permissions: { 'thing:do': { owner: 'all' } } });
    expect(minimal.can('owner', 'thing:do')).toBe(true);
  });
});

describe('a matrix with more than 32 permissions', () => {
  // 70 permissions: three 32-bit words per role and scope.
  const names = Array.from({ length: 70 }, (_, i) => `res${i}:act` as const);
  const permissions = Object.fromEntries(
    names.map((name, i) => [
      name,
      i % 3 === 0 ? { owner: 'all', member: 'assigned' } : i % 3 === 1 ? { owner: 'all' } : { member: 'all' },
    ]),
  ) as Record<(typeof names)[number], { owner?: Scope; member?: Scope }>;
  const big = defineMatrix({ roles: { owner: { rank: 2 }, member: { rank: 1 } }, permissions });

  it('keeps all permissions', () => {
    expect(big.permissions).toHaveLength(70);
  });

  it.each([0, 1, 2, 31, 32, 33, 63, 64, 65, 69])('answers the right scope for permission #%i', (i) => {
    const name = names[i]!;
    const expectedOwner = i % 3 === 2 ? null : 'all';
    const expectedMember = i % 3 === 0 ? 'assigned' : i % 3 === 2 ? 'all' : null;
    expect(big.scope('owner', name)).toBe(expectedOwner);
    expect(big.scope('member', name)).toBe(expectedMember);
  });

  it('answers every cell right', () => {
    names.forEach((name, i) => {
      expect(big.scope('owner', name)).toBe(i % 3 === 2 ? null : 'all');
      expect(big.scope('member', name)).toBe(i % 3 === 0 ? 'assigned' : i % 3 === 2 ? 'all' : null);
    });
  });
});
