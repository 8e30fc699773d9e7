// docs/permissions.md, generated from `permissionMatrix` so the page cannot
// drift from the code: `npm run docs:permissions` rewrites it, and
// test/docs/permissions-doc.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Permission, permissionMatrix } from '../src/access/default-matrix.js';
import type { Matrix } from '../src/access/matrix.js';
import { checkActOn, checkGrant } from '../src/access/role-rules.js';
import { markdownTable } from './markdown-table.js';

/** What each permission lets a member do, and which calls check it. */
const USES: Record<Permission, string> = {
  'organization:read': 'See the organization (`organizations.get`), one’s own member record, and leave.',
  'organization:update': 'Rename the organization (`organizations.update` with `name`).',
  'settings:update': 'Replace the organization’s settings (`organizations.update` with `settings`).',
  'organization:delete': 'Delete the organization and everything in it (`organizations.delete`).',
  'members:read': 'List and open members (`members.list`, `members.get`).',
  'members:invite': 'Invite and re-send invitations (`invitations.create`, `invitations.resend`), for grantable roles.',
  'members:update':
    'Change another member’s role (`members.update`), on members the actor may act on; and their profile, while they belong to no other organization.',
  'members:disable': 'Disable and re-enable members (`members.setStatus`), on members the actor may act on.',
  'members:remove': 'Remove members (`members.remove`), on members the actor may act on.',
  'invitations:read': 'List invitations (`invitations.list`).',
  'invitations:revoke': 'Revoke invitations (`invitations.revoke`), for grantable roles.',
  'projects:create': 'Create projects (`projects.create`).',
  'projects:update': 'Rename projects (`projects.rename`).',
  'projects:delete': 'Delete projects (`projects.delete`).',
  'projects:assign': 'Assign members to projects and unassign them (`projects.assign`, `projects.unassign`).',
  'projects:read': 'List and open projects (`projects.list`, `projects.get`).',
  'bots:read': "For the host’s own routes: `orgkit.authorize(actor, 'bots:read', { projectId })`.",
  'bots:create': "For the host’s own routes: `orgkit.authorize(actor, 'bots:create', { projectId })`.",
  'bots:update': "For the host’s own routes: `orgkit.authorize(actor, 'bots:update', { projectId })`.",
  'bots:delete': "For the host’s own routes: `orgkit.authorize(actor, 'bots:delete', { projectId })`.",
  'audit:read': 'Read the audit trail (`audit.list`).',
  'profile:update':
    'Change one’s own full name, timezone and email (`members.update` on oneself; a new email waits for confirmation).',
};

const MEMBER_WRITES = ['members:update', 'members:disable', 'members:remove'] as const;

const cell = (scope: string | null) => scope ?? '–';
const list = (roles: string[]) => (roles.length === 0 ? 'none' : roles.join(', '));

export function renderPermissionsDoc(matrix: Matrix = permissionMatrix): string {
  const roles = [...matrix.roles];
  const missing = matrix.permissions.filter((permission) => !(permission in USES));
  if (missing.length > 0) throw new Error(`permissions-doc: describe ${missing.join(', ')} in USES.`);
  const lines = [
    '# Permissions',
    '',
    '<!-- Generated from `permissionMatrix` by `npm run docs:permissions`. Do not edit by hand. -->',
    '',
    'The default matrix that `createOrgkit` uses when given none. A permission is',
    '`resource:action`; a grant’s scope is `all` (everywhere in the organization) or',
    '`assigned` (only in the projects the member is assigned to); `–` is no grant.',
    'Extend it with `defineMatrix({ extends: permissionMatrix, … })`.',
    '',
    '## Roles',
    '',
    ...markdownTable([
      ['role', 'rank', 'may grant', 'may act on'],
      ...roles.map((role) => {
        const invites = matrix.can(role, 'members:invite');
        const manages = MEMBER_WRITES.some((permission) => matrix.can(role, permission));
        const grants = invites ? roles.filter((other) => checkGrant(matrix, role, other) === null) : [];
        const actsOn = manages ? roles.filter((other) => checkActOn(matrix, role, other) === null) : [];
        return [`\`${role}\``, String(matrix.rank(role)), list(grants), list(actsOn)];
      }),
    ]),
    '',
    'A member who may invite (`members:invite`) may grant a role whose rank is not',
    'above their own; one who may change, disable or remove members may do so to a',
    'member whose rank is not above their own. So an admin with `members:disable`',
    'cannot disable an owner. Anyone may change their own profile and leave.',
    '',
    '## Matrix',
    '',
    ...markdownTable([
      ['permission', ...roles, 'what it allows'],
      ...matrix.permissions.map((permission) => [
        `\`${permission}\``,
        ...roles.map((role) => cell(matrix.scope(role, permission))),
        USES[permission as Permission],
      ]),
    ]),
    '',
  ];
  return lines.join('\n');
}

export const PERMISSIONS_DOC = fileURLToPath(new URL('../docs/permissions.md', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(PERMISSIONS_DOC, renderPermissionsDoc());
  console.log('docs/permissions.md written.');
}
