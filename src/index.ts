/**
 * orgkit: organization members, roles, invitations, projects and an audit
 * trail for a TypeScript backend. Start at `createOrgkit`.
 */
export { type DefaultMatrix, type Permission, permissionMatrix, type Role } from './access/default-matrix.js';
export {
  defineMatrix,
  type Matrix,
  type MatrixDefinition,
  type PermissionOf,
  type PermissionString,
  type RoleDefinition,
  type RoleOf,
  type Scope,
} from './access/matrix.js';
export { DENIAL_REASONS, type Denial, type DenialReason } from './access/role-rules.js';
export {
  type ActorBinding,
  type AuthorizeOptions,
  createOrgkit,
  type Orgkit,
  type OrgkitOptions,
} from './create-orgkit.js';
export {
  type AnyOrgkitError,
  CONFLICT_REASONS,
  type ConflictReason,
  isOrgkitError,
  type NotFoundTarget,
  ORGKIT_ERROR_CODES,
  OrgkitError,
  type OrgkitErrorCode,
  type OrgkitErrorDetails,
  type OrgkitErrorOptions,
  type ValidationIssue,
} from './errors.js';
export { httpStatusFor } from './http/http-status.js';
export type { Mailer, OrgkitMail } from './mail/mailer.js';
export { type Actor, actorSchema, emailSchema, fullNameSchema, timezoneSchema } from './schemas/common.js';
export type {
  AcceptInvitationInput,
  ConfirmEmailInput,
  CreateInvitationInput,
  CreateOrganizationInput,
  CreateProjectInput,
  ListAuditEventsInput,
  ListInvitationsInput,
  ListMembersInput,
  UpdateMemberInput,
  UpdateOrganizationInput,
} from './schemas/inputs.js';
export type { AuditService } from './services/audit-service.js';
export { AUDIT_ACTIONS, type AuditAction } from './services/audit-trail.js';
export type { OrgkitLogEvent } from './services/context.js';
export type { InvitationService } from './services/invitation-service.js';
export type { DeliveryReport } from './services/mail-delivery.js';
export type { MemberService } from './services/member-service.js';
export type { OrganizationService } from './services/organization-service.js';
export type { ProjectService } from './services/project-service.js';
export type { AuditEvent, Invitation, Member, Organization, Page, Project, User } from './services/views.js';
export type { InvitationStatus, JsonValue, MemberStatus } from './store/records.js';
export type { Store } from './store/store.js';
