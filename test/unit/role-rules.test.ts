import { describe, expect, it } from 'vitest';
import { permissionMatrix } from '../../src/access/default-matrix.js';
import { defineMatrix } from '../../src/access/matrix.js';
import { checkActOn, checkGrant, checkPermission, losesActiveOwner } from '../../src/access/role-rules.js';
import { isOrgkitError } from '../../src/errors.js';
import { forbidden } from '../../src/services/authorization.js';

const ROLES = ['owner', 'admin', 'user'] as const;
type Role = (typeof ROLES)[number];

/**
 * The role rules as data. `rule` is what the rule function alone answers
 * (ranks); `effective` is the rule combined with the permission the services
 * ask for (a `user` holds no member permission, so may do neither).
 */
const ACT_ON: Record<Role, Record<Role, { rule: boolean; effective: boolean }>> = {
  owner: {
    owner: { rule: true, effective: true },
    admin: { rule: true, effective: true },
    user: { rule: true, effective: true },
  },
  admin: {
    owner: { rule: false, effective: false },
    admin: { rule: true, effective: true },
    user: { rule: true, effective: true },
  },
  user: {
    owner: { rule: false, effective: false },
    admin: { rule: false, effective: false },
    user: { rule: true, effective: false },
  },
};

const GRANT: Record<Role, Record<Role, { rule: boolean; effective: boolean }>> = {
  owner: {
    owner: { rule: true, effective: true },
    admin: { rule: true, effective: true },
    user: { rule: true, effective: true },
  },
  admin: {
    owner: { rule: false, effective: false },
    admin: { rule: true, effective: true },
    user: { rule: true, effective: true },
  },
  user: {
    owner: { rule: false, effective: false },
    admin: { rule: false, effective: false },
    user: { rule: true, effective: false },
  },
};

/** The permissions a service checks before it asks `checkActOn`. */
const ACT_ON_PERMISSIONS = ['members:update', 'members:disable', 'members:remove', 'projects:assign'] as const;

const pairs = ROLES.flatMap((actor) => ROLES.map((target) => ({ actor, target })));

describe('checkActOn (who may act on a member)', () => {
  it.each(pairs)('$actor on $target', ({ actor, target }) => {
    const expected = ACT_ON[actor][target];
    const denial = checkActOn(permissionMatrix, actor, target);
    if (expected.rule) {
      expect(denial).toBeNull();
    } else {
      expect(denial).toEqual({ reason: 'TARGET_OUTRANKS_ACTOR', role: actor, targetRole: target });
    }
  });

  it.each(pairs.flatMap((pair) => ACT_ON_PERMISSIONS.map((permission) => ({ ...pair, permission }))))(
    '$actor on $target with $permission',
    ({ actor, target, permission }) => {
      const allowed =
        checkPermission(permissionMatrix, actor, permission) === null &&
        checkActOn(permissionMatrix, actor, target) === null;
      expect(allowed).toBe(ACT_ON[actor][target].effective);
    },
  );
});

describe('checkGrant (who may grant a role)', () => {
  it.each(pairs)('$actor grants $target', ({ actor, target }) => {
    const expected = GRANT[actor][target];
    const denial = checkGrant(permissionMatrix, actor, target);
    if (expected.rule) {
      expect(denial).toBeNull();
    } else {
      expect(denial).toEqual({ reason: 'ROLE_NOT_GRANTABLE', role: actor, targetRole: target });
    }
  });

  it.each(pairs)('$actor invites as $target (members:invite + grant)', ({ actor, target }) => {
    const allowed =
      checkPermission(permissionMatrix, actor, 'members:invite') === null &&
      checkGrant(permissionMatrix, actor, target) === null;
    expect(allowed).toBe(GRANT[actor][target].effective);
  });

  it.each(pairs)('$actor changes a role to $target (members:update + grant)', ({ actor, target }) => {
    const allowed =
      checkPermission(permissionMatrix, actor, 'members:update') === null &&
      checkGrant(permissionMatrix, actor, target) === null;
    expect(allowed).toBe(GRANT[actor][target].effective);
  });
});

describe('unknown roles are untouchable', () => {
  it.each(ROLES)('%s may neither act on nor grant an unknown role', (role) => {
    expect(checkActOn(permissionMatrix, role, 'ghost')?.reason).toBe('TARGET_OUTRANKS_ACTOR');
    expect(checkGrant(permissionMatrix, role, 'ghost')?.reason).toBe('ROLE_NOT_GRANTABLE');
  });

  it.each(ROLES)('an unknown actor role may neither act on nor grant %s', (role) => {
    expect(checkActOn(permissionMatrix, 'ghost', role)?.reason).toBe('TARGET_OUTRANKS_ACTOR');
    expect(checkGrant(permissionMatrix, 'ghost', role)?.reason).toBe('ROLE_NOT_GRANTABLE');
  });
});

describe('role rules follow the ranks of a custom matrix', () => {
  const matrix = defineMatrix({ extends: permissionMatrix, roles: { viewer: { rank: 5 } } });

  it('a viewer (rank below user) is acted on and granted by everyone above', () => {
    for (const role of ROLES) {
      expect(checkActOn(matrix, role, 'viewer')).toBeNull();
      expect(checkGrant(matrix, role, 'viewer')).toBeNull();
    }
  });

  it('a viewer may act on and grant nothing above it', () => {
    for (const role of ROLES) {
      expect(checkActOn(matrix, 'viewer', role)?.reason).toBe('TARGET_OUTRANKS_ACTOR');
      expect(checkGrant(matrix, 'viewer', role)?.reason).toBe('ROLE_NOT_GRANTABLE');
    }
  });
});

describe('checkPermission', () => {
  it('refuses a role without the permission, naming permission and role', () => {
    expect(checkPermission(permissionMatrix, 'user', 'members:read')).toEqual({
      reason: 'ROLE_LACKS_PERMISSION',
      permission: 'members:read',
      role: 'user',
    });
  });

  it('refuses an assigned grant on a project the member is not assigned to', () => {
    expect(checkPermission(permissionMatrix, 'user', 'bots:update', { projectId: 'p1', assigned: false })).toEqual({
      reason: 'PROJECT_NOT_ASSIGNED',
      permission: 'bots:update',
      role: 'user',
      projectId: 'p1',
    });
  });

  it('allows an assigned grant on an assigned project, and with no project named', () => {
    expect(checkPermission(permissionMatrix, 'user', 'bots:update', { projectId: 'p1', assigned: true })).toBeNull();
    expect(checkPermission(permissionMatrix, 'user', 'projects:read')).toBeNull();
  });

  it.each(['owner', 'admin'] as const)('an all grant ignores assignment for %s', (role) => {
    expect(checkPermission(permissionMatrix, role, 'bots:update', { projectId: 'p1', assigned: false })).toBeNull();
  });
});

describe('forbidden', () => {
  it('is a FORBIDDEN OrgkitError carrying the denial in details', () => {
    const error = forbidden({ reason: 'TARGET_OUTRANKS_ACTOR', role: 'admin', targetRole: 'owner' });
    expect(isOrgkitError(error, 'FORBIDDEN')).toBe(true);
    expect(error.details).toEqual({ reason: 'TARGET_OUTRANKS_ACTOR', role: 'admin', targetRole: 'owner' });
  });
});

describe('losesActiveOwner', () => {
  const STATES = ROLES.flatMap((role) => (['active', 'disabled'] as const).map((status) => ({ role, status })));
  const isActiveOwner = (state: { role: string; status: string } | null) =>
    state !== null && state.role === 'owner' && state.status === 'active';

  // Written out: only an active owner can be lost, and only by a change that leaves them not an active owner.
  const EXPECTED_LOSSES = new Set([
    'owner/active -> owner/disabled',
    'owner/active -> admin/active',
    'owner/active -> admin/disabled',
    'owner/active -> user/active',
    'owner/active -> user/disabled',
    'owner/active -> removed',
  ]);

  const transitions = STATES.flatMap((before) =>
    [...STATES, null].map((after) => ({
      before,
      after,
      label: `${before.role}/${before.status} -> ${after === null ? 'removed' : `${after.role}/${after.status}`}`,
    })),
  );

  it('covers every (role, status) before and after, and removal', () => {
    expect(transitions).toHaveLength(6 * 7);
  });

  it.each(transitions)('$label', ({ before, after, label }) => {
    expect(losesActiveOwner(before, after)).toBe(EXPECTED_LOSSES.has(label));
    // Cross-check against the definition.
    expect(losesActiveOwner(before, after)).toBe(isActiveOwner(before) && !isActiveOwner(after));
  });
});
