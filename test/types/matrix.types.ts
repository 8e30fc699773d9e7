/**
 * Type-level expectations: never run, only type-checked (`npm run typecheck`,
 * and `test/types/types.test.ts`). Each `@ts-expect-error` fails the check
 * when the line below it starts to compile.
 */
import {
  type Actor,
  type AuditAction,
  type AuditEvent,
  type ConflictReason,
  createOrgkit,
  type DenialReason,
  defineMatrix,
  isOrgkitError,
  type Mailer,
  type NotFoundTarget,
  OrgkitError,
  type Permission,
  type PermissionOf,
  permissionMatrix,
  type Role,
  type RoleOf,
  type Store,
} from '../../src/index.js';

declare const store: Store;
declare const mailer: Mailer;
declare const actor: Actor;
const confirmEmailUrl = (token: string) => `https://app.example/confirm-email#${token}`;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_value?: T): void {}

// The pure check: permissions of the default matrix only.
permissionMatrix.can('owner', 'projects:read');
permissionMatrix.can('user', 'bots:create');
// @ts-expect-error misspelt permission
permissionMatrix.can('owner', 'projects:reed');
// @ts-expect-error a permission the default matrix does not have
permissionMatrix.can('owner', 'billing:read');

// The matrix's own methods are typed by its permissions.
permissionMatrix.can('admin', 'members:invite');
permissionMatrix.scope('user', 'bots:read');
// @ts-expect-error misspelt permission
permissionMatrix.can('owner', 'members:invit');
// @ts-expect-error misspelt permission
permissionMatrix.scope('owner', 'audit:raed');

assertType<Equal<Role, 'owner' | 'admin' | 'user'>>();
assertType<Equal<RoleOf<typeof permissionMatrix>, Role>>();
assertType<Equal<PermissionOf<typeof permissionMatrix>, Permission>>();

// createOrgkit without a matrix: the default matrix types authorize and can.
const orgkit = createOrgkit({
  store,
  mailer,
  acceptUrl: (token) => `https://app.example/invite/${token}`,
  confirmEmailUrl,
});
void orgkit.authorize(actor, 'members:read');
void orgkit.authorize(actor, 'bots:update', { projectId: 'p1' });
// @ts-expect-error billing:read is not in the default matrix
void orgkit.authorize(actor, 'billing:read');
// @ts-expect-error misspelt permission
void orgkit.can(actor, 'projects:reed');

// A host matrix with a new permission and a fourth role.
const withViewer = defineMatrix({ extends: permissionMatrix, roles: { viewer: { rank: 5 } } });
const matrix = defineMatrix({
  extends: withViewer,
  permissions: { 'billing:read': { owner: 'all' }, 'projects:read': { viewer: 'assigned' } },
});
assertType<Equal<RoleOf<typeof matrix>, Role | 'viewer'>>();
assertType<Equal<PermissionOf<typeof matrix>, Permission | 'billing:read'>>();

const custom = createOrgkit({ store, mailer, acceptUrl: (token) => `/invite/${token}`, confirmEmailUrl, matrix });
void custom.authorize(actor, 'billing:read');
void custom.authorize(actor, 'members:read');
void custom.can(actor, 'billing:read');
// @ts-expect-error still no such permission
void custom.authorize(actor, 'billing:write');
matrix.can('viewer', 'billing:read');

// The custom role flows into the services' outputs.
void custom.members.list(actor).then((page) => {
  const role: Role | 'viewer' | undefined = page.items[0]?.role;
  return role;
});
// @ts-expect-error the default orgkit has no viewer role
void orgkit.invitations.create(actor, { email: 'v@acme.test', role: 'viewer' });

// Permission keys must be `resource:action`.
defineMatrix({
  extends: permissionMatrix,
  // @ts-expect-error no colon
  permissions: { billing: { owner: 'all' } },
});

// The brief's host matrix: one new permission on the default roles.
const billing = defineMatrix({ extends: permissionMatrix, permissions: { 'billing:read': { owner: 'all' } } });
const billed = createOrgkit({
  store,
  mailer,
  acceptUrl: (token) => `/invite/${token}`,
  confirmEmailUrl,
  matrix: billing,
});
void billed.authorize(actor, 'billing:read');

// One call may add a role and grant it, and a grant may name only known roles.
const oneCall = defineMatrix({
  extends: permissionMatrix,
  roles: { viewer: { rank: 5 } },
  permissions: { 'billing:read': { owner: 'all', viewer: 'all' } },
});
assertType<Equal<RoleOf<typeof oneCall>, Role | 'viewer'>>();
// @ts-expect-error guest is not a role of this matrix
defineMatrix({ extends: permissionMatrix, permissions: { 'billing:read': { guest: 'all' } } });

// A custom role is accepted by the services' inputs of an orgkit built on that matrix.
const viewers = createOrgkit({
  store,
  mailer,
  acceptUrl: (token) => `/invite/${token}`,
  confirmEmailUrl,
  matrix: oneCall,
});
void viewers.invitations.create(actor, { email: 'v@acme.test', role: 'viewer' });
void viewers.members.update(actor, 'u1', { role: 'viewer' });
void viewers.members.list(actor, { role: 'viewer' });
// @ts-expect-error still no such role
void viewers.invitations.create(actor, { email: 'v@acme.test', role: 'guest' });

// Errors: `details` is typed per code, and narrowing on `code` narrows it.
declare const caught: unknown;
if (isOrgkitError(caught, 'FORBIDDEN')) assertType<Equal<typeof caught.details.reason, DenialReason>>();
if (isOrgkitError(caught, 'CONFLICT')) assertType<Equal<typeof caught.details.reason, ConflictReason>>();
if (isOrgkitError(caught, 'NOT_FOUND')) assertType<Equal<typeof caught.details.what, NotFoundTarget>>();
if (isOrgkitError(caught)) {
  if (caught.code === 'VALIDATION_FAILED') void caught.details.issues[0]?.path;
  // @ts-expect-error a LAST_OWNER carries no details to read
  if (caught.code === 'LAST_OWNER') void caught.details.reason;
}
new OrgkitError({ code: 'FORBIDDEN', details: { reason: 'MEMBER_DISABLED' } });
// @ts-expect-error a FORBIDDEN needs its reason
new OrgkitError({ code: 'FORBIDDEN' });
// @ts-expect-error not a denial reason
new OrgkitError({ code: 'FORBIDDEN', details: { reason: 'NOPE' } });

// An audit event's action is one of AUDIT_ACTIONS, not any string.
declare const event: AuditEvent;
assertType<Equal<typeof event.action, AuditAction>>();
