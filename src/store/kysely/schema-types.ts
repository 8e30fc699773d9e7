/**
 * The tables as Kysely sees them. Column types are the union of what the two
 * dialects hand back: SQLite stores dates as integer milliseconds and JSON as
 * text; Postgres answers `Date` for `timestamptz` and parsed values for
 * `jsonb`. `row-mapping.ts` turns either into records.
 */
import type { ColumnType } from 'kysely';

/** `Date` on Postgres, epoch milliseconds on SQLite. */
export type Timestamp = Date | number;
/** Written as JSON text; read back as text (SQLite) or already parsed (Postgres). */
export type JsonColumn = ColumnType<unknown, string, string>;

export interface UsersTable {
  id: string;
  email: string;
  full_name: string;
  /** `full_name` lower-cased by JavaScript, for member search (see `searchName`). */
  search_name: string;
  timezone: string;
  pending_email: string | null;
  pending_email_token_hash: string | null;
  pending_email_expires_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  settings: JsonColumn;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  organization_id: string;
  user_id: string;
  role: string;
  status: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectsTable {
  id: string;
  organization_id: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectAssignmentsTable {
  organization_id: string;
  project_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  organization_id: string;
  email: string;
  role: string;
  status: string;
  token_hash: string;
  invited_by: string | null;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One row per project an invitation will assign; `position` keeps the caller's order. */
export interface InvitationProjectsTable {
  organization_id: string;
  invitation_id: string;
  project_id: string;
  position: number;
}

export interface AuditEventsTable {
  id: string;
  organization_id: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  changes: JsonColumn;
  created_at: Timestamp;
}

export interface OutboxMailTable {
  id: string;
  kind: string;
  organization_id: string | null;
  invitation_id: string | null;
  user_id: string | null;
  recipient: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: Timestamp | null;
  /** Added by migration 0003. */
  claimed_until: Timestamp | null;
}

export interface OrgkitDatabase {
  users: UsersTable;
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  projects: ProjectsTable;
  project_assignments: ProjectAssignmentsTable;
  invitations: InvitationsTable;
  invitation_projects: InvitationProjectsTable;
  audit_events: AuditEventsTable;
  outbox_mail: OutboxMailTable;
}
