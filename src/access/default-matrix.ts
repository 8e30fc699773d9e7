import { defineMatrix, type PermissionOf, type RoleOf } from './matrix.js';

const ALL = { owner: 'all', admin: 'all', user: 'all' } as const;
const MANAGERS = { owner: 'all', admin: 'all' } as const;
const PROJECT_WORK = { owner: 'all', admin: 'all', user: 'assigned' } as const;

/**
 * The default matrix: three roles, owner, admin and user (User / Bot
 * Manager). Admins hold the member permissions too; the role rules (ranks)
 * are what keep them off owners. `permissionMatrix.can('admin', 'members:invite')`
 * is the pure, synchronous check.
 */
export const permissionMatrix = defineMatrix({
  roles: {
    owner: { rank: 30 },
    admin: { rank: 20 },
    user: { rank: 10 },
  },
  permissions: {
    'organization:read': ALL,
    'organization:update': MANAGERS,
    'settings:update': MANAGERS,
    'organization:delete': { owner: 'all' },
    'members:read': MANAGERS,
    'members:invite': MANAGERS,
    'members:update': MANAGERS,
    'members:disable': MANAGERS,
    'members:remove': MANAGERS,
    'invitations:read': MANAGERS,
    'invitations:revoke': MANAGERS,
    'projects:create': MANAGERS,
    'projects:update': MANAGERS,
    'projects:delete': MANAGERS,
    'projects:assign': MANAGERS,
    'projects:read': PROJECT_WORK,
    'bots:read': PROJECT_WORK,
    'bots:create': PROJECT_WORK,
    'bots:update': PROJECT_WORK,
    'bots:delete': PROJECT_WORK,
    'audit:read': MANAGERS,
    'profile:update': ALL,
  },
});

export type DefaultMatrix = typeof permissionMatrix;
export type Role = RoleOf<DefaultMatrix>;
export type Permission = PermissionOf<DefaultMatrix>;
