/**
 * The shapes the services hand out: what a host reads, with nothing secret
 * (no token hash) and derived fields filled in. The store's records are a
 * separate contract (`orgkit/store`); these are the public ones.
 */

import type {
  InvitationRecord,
  InvitationStatus,
  JsonValue,
  MemberRecord,
  MemberStatus,
  UserRecord,
} from '../store/records.js';
import type { AuditAction } from './audit-trail.js';
import { newId } from './ids.js';

/** A person, the same in every organization they belong to. */
export interface User {
  id: string;
  /** Trimmed and lower-cased; one user per email. */
  email: string;
  fullName: string;
  /** An IANA zone name, such as `Europe/Berlin`. */
  timezone: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface Organization {
  id: string;
  name: string;
  /** The host's own JSON settings, at most 16 KiB serialized. */
  settings: { [key: string]: JsonValue };
  createdAt: Date;
  updatedAt: Date;
}

/** A member as the user console shows it: the membership with its user's profile and projects. */
export interface Member<R extends string = string> {
  userId: string;
  organizationId: string;
  fullName: string;
  email: string;
  role: R;
  status: MemberStatus;
  timezone: string;
  /**
   * An email change waiting for the new address to confirm it; `email`
   * stays as it is until then. `null` when there is none, or it expired.
   */
  pendingEmail: string | null;
  /** The projects of this organization the member is assigned to, sorted. */
  projectIds: string[];
  /** When the user joined the organization. */
  createdAt: Date;
  /** The later of the membership's and the profile's last change. */
  updatedAt: Date;
}

export interface Invitation<R extends string = string> {
  id: string;
  organizationId: string;
  email: string;
  role: R;
  /** Assigned to the invitee on acceptance. */
  projectIds: string[];
  /** `expired` once `expiresAt` has passed without acceptance. */
  status: InvitationStatus;
  /** Who sent, or last re-sent, the invitation. */
  invitedBy: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Project {
  id: string;
  organizationId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One entry of an organization's audit trail, written in the same transaction as the change. */
export interface AuditEvent {
  id: string;
  organizationId: string;
  /** Who acted; `null` for orgkit itself (a mail retry that minted a new link). */
  actorId: string | null;
  action: AuditAction;
  targetType: 'organization' | 'member' | 'invitation' | 'project';
  targetId: string;
  /** `before` and `after` of each changed field; dates as ISO strings. */
  changes: { [field: string]: { before: JsonValue; after: JsonValue } };
  createdAt: Date;
}

/** One page of a list, newest or oldest first as the list says. */
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

export function toUser(record: UserRecord): User {
  const { id, email, fullName, timezone, createdAt, updatedAt } = record;
  return { id, email, fullName, timezone, createdAt, updatedAt };
}

export function toMember<R extends string>(record: MemberRecord, now: Date): Member<R> {
  const { pendingEmail: _pending, pendingEmailExpiresAt: _expires, role, ...rest } = record;
  return { ...rest, role: role as R, pendingEmail: livePendingEmail(record, now) };
}

/** The pending email change a member shows: none once it has expired. */
export function livePendingEmail(member: MemberRecord, now: Date): string | null {
  const expires = member.pendingEmailExpiresAt;
  return expires !== null && expires.getTime() > now.getTime() ? member.pendingEmail : null;
}

/** A user record for `ensureUser`: a fresh id, no pending email change. */
export function newUser(profile: { email: string; fullName: string; timezone: string }, now: Date): UserRecord {
  return {
    id: newId(),
    ...profile,
    pendingEmail: null,
    pendingEmailTokenHash: null,
    pendingEmailExpiresAt: null,
    createdAt: now,
    updatedAt: now,
  };
}
