/** Rows as either dialect returns them → the records the Store contract speaks. */

import type { Selectable } from 'kysely';
import type {
  AuditChanges,
  AuditEventRecord,
  InvitationRecord,
  InvitationStatus,
  JsonValue,
  MailKind,
  MailRecord,
  MailStatus,
  MemberStatus,
  MembershipRecord,
  OrganizationRecord,
  ProjectRecord,
  UserRecord,
} from '../records.js';
import type {
  AuditEventsTable,
  InvitationsTable,
  MembershipsTable,
  OrganizationsTable,
  OutboxMailTable,
  ProjectsTable,
  Timestamp,
  UsersTable,
} from './schema-types.js';

export function decodeDate(value: Timestamp | string): Date {
  return value instanceof Date ? new Date(value.getTime()) : new Date(Number(value));
}

export function decodeOptionalDate(value: Timestamp | string | null): Date | null {
  return value === null ? null : decodeDate(value);
}

/** Postgres hands `jsonb` back parsed; SQLite hands back the text. */
export function decodeJson<T extends JsonValue | AuditChanges>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** `count(*)` is a number on SQLite and a bigint string on Postgres. */
export function decodeCount(value: unknown): number {
  return Number(value ?? 0);
}

/** SQLite answers 0/1 where Postgres answers a boolean. */
export function decodeBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === '1' || value === 't';
}

export function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    timezone: row.timezone,
    pendingEmail: row.pending_email,
    pendingEmailTokenHash: row.pending_email_token_hash,
    pendingEmailExpiresAt: decodeOptionalDate(row.pending_email_expires_at),
    createdAt: decodeDate(row.created_at),
    updatedAt: decodeDate(row.updated_at),
  };
}

export function toOrganization(row: Selectable<OrganizationsTable>): OrganizationRecord {
  return {
    id: row.id,
    name: row.name,
    settings: decodeJson(row.settings),
    createdAt: decodeDate(row.created_at),
    updatedAt: decodeDate(row.updated_at),
  };
}

export function toMembership(row: Selectable<MembershipsTable>): MembershipRecord {
  return {
    organizationId: row.organization_id,
    userId: row.user_id,
    role: row.role,
    status: row.status as MemberStatus,
    createdAt: decodeDate(row.created_at),
    updatedAt: decodeDate(row.updated_at),
  };
}

export function toProject(row: Selectable<ProjectsTable>): ProjectRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    createdAt: decodeDate(row.created_at),
    updatedAt: decodeDate(row.updated_at),
  };
}

export function toInvitation(row: Selectable<InvitationsTable>, projectIds: string[]): InvitationRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    role: row.role,
    projectIds,
    status: row.status as InvitationStatus,
    tokenHash: row.token_hash,
    invitedBy: row.invited_by,
    expiresAt: decodeDate(row.expires_at),
    acceptedAt: decodeOptionalDate(row.accepted_at),
    createdAt: decodeDate(row.created_at),
    updatedAt: decodeDate(row.updated_at),
  };
}

export function toAuditEvent(row: Selectable<AuditEventsTable>): AuditEventRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type as AuditEventRecord['targetType'],
    targetId: row.target_id,
    changes: decodeJson<AuditChanges>(row.changes),
    createdAt: decodeDate(row.created_at),
  };
}

export function toMail(row: Selectable<OutboxMailTable>): MailRecord {
  return {
    id: row.id,
    kind: row.kind as MailKind,
    organizationId: row.organization_id,
    invitationId: row.invitation_id,
    userId: row.user_id,
    to: row.recipient,
    status: row.status as MailStatus,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: decodeDate(row.created_at),
    updatedAt: decodeDate(row.updated_at),
    sentAt: decodeOptionalDate(row.sent_at),
    claimedUntil: decodeOptionalDate(row.claimed_until),
  };
}
