export { can, type DefaultMatrix, type Permission, permissionMatrix, type Role } from './access/default-matrix.js';
export {
  defineMatrix,
  type Matrix,
  type MatrixDefinition,
  OWNER_ROLE,
  type PermissionOf,
  type PermissionString,
  type RoleDefinition,
  type RoleOf,
  type Scope,
} from './access/matrix.js';
export { DENIAL_REASONS, type Denial, type DenialReason } from './access/role-rules.js';
export { type AuthorizeOptions, createOrgkit, type Orgkit, type OrgkitOptions } from './create-orgkit.js';
export {
  isOrgkitError,
  ORGKIT_ERROR_CODES,
  OrgkitError,
  type OrgkitErrorCode,
  type OrgkitErrorOptions,
} from './errors.js';
export { httpStatusFor } from './http-status.js';
export type { Mailer, OrgkitMail } from './mail/mailer.js';
export type { DeliveryReport } from './mail/outbox.js';
export {
  type Actor,
  actorSchema,
  canonicalTimeZone,
  emailSchema,
  fullNameSchema,
  timezoneSchema,
} from './schemas/common.js';
export * from './schemas/inputs.js';
export { AUDIT_ACTIONS, type AuditAction } from './services/audit-trail.js';
export type { InvitationService } from './services/invitation-service.js';
export type { OrganizationService } from './services/organization-service.js';
export type { ProjectService } from './services/project-service.js';
export type { AuditEvent, Invitation, Member, Organization, Page, Project, User } from './services/views.js';
export type * from './store/records.js';
export { INVITATION_STATUSES, MAIL_STATUSES, MEMBER_STATUSES } from './store/records.js';
export type * from './store/store.js';
export { STORE_CONSTRAINTS } from './store/store.js';
