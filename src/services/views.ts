/**
 * What the services hand out. Records are the store's; views are the public
 * shapes, with nothing secret (no token hash) and derived fields filled in.
 */
import type {
  AuditEventRecord,
  InvitationRecord,
  InvitationStatus,
  MemberRecord,
  OrganizationRecord,
  ProjectRecord,
  UserRecord,
} from '../store/records.js';

export type User = UserRecord;
export type Organization = OrganizationRecord;
export type Project = ProjectRecord;
export type AuditEvent = AuditEventRecord;

/** A member as the user console shows it. */
export interface Member<R extends string = string> extends Omit<MemberRecord, 'role'> {
  role: R;
}

export interface Invitation<R extends string = string> extends Omit<InvitationRecord, 'tokenHash' | 'role' | 'status'> {
  role: R;
  /** `expired` once `expiresAt` has passed without acceptance. */
  status: InvitationStatus;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
}

export function toInvitation<R extends string>(record: InvitationRecord, now: Date): Invitation<R> {
  const { tokenHash: _secret, ...rest } = record;
  const lapsed = record.status === 'pending' && record.expiresAt.getTime() <= now.getTime();
  return { ...rest, role: record.role as R, status: lapsed ? 'expired' : record.status };
}
