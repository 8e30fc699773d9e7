/**
 * `orgkit/store`: the contract for people who write a store. A store passes
 * `testStoreConformance` from `orgkit/testing`, the suite every bundled store
 * runs.
 */
export type {
  AccessRecord,
  AuditChanges,
  AuditEventRecord,
  InvitationRecord,
  InvitationStatus,
  JsonValue,
  Keyset,
  MailRecord,
  MailStatus,
  MemberRecord,
  MemberStatus,
  MembershipRecord,
  OrganizationRecord,
  ProjectAssignmentRecord,
  ProjectRecord,
  UserRecord,
} from './store/records.js';
export { INVITATION_STATUSES, MAIL_STATUSES, MEMBER_STATUSES } from './store/records.js';
export type {
  AuditQuery,
  InvitationPatch,
  InvitationQuery,
  MailPatch,
  MemberQuery,
  MembershipPatch,
  OrganizationPatch,
  ProjectPatch,
  Store,
  StoreConstraint,
  StoreTx,
  UserPatch,
} from './store/store.js';
export { STORE_CONSTRAINTS } from './store/store.js';
export { missingReference, storeConflict } from './store/store-errors.js';
