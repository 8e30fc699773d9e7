/**
 * The rows a `Store` keeps. Dates are `Date`; ids are opaque strings chosen
 * by orgkit (time-ordered UUIDs), never by the store.
 */

/**
 * A row's place in a list's order: its creation time, then its id to break
 * ties. Every paged list (members, invitations, audit events) uses it.
 */
export interface Keyset {
  createdAt: Date;
  id: string;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const MEMBER_STATUSES = ['active', 'disabled'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/**
 * `expired` is stored only once a newer invitation to the same email replaces
 * a lapsed one; until then a lapsed invitation is `pending` with `expiresAt`
 * in the past, and reads report it as `expired`.
 */
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const MAIL_STATUSES = ['pending', 'sent', 'cancelled'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * What a mail is for: an invitation (to the invitee), the confirmation of an
 * email change (to the new address), the notice of a confirmed change (to
 * the old address).
 */
export const MAIL_KINDS = ['invitation', 'email-change', 'email-changed'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** A person, global across organizations: one per normalized email. */
export interface UserRecord {
  id: string;
  /** Trimmed and lower-cased; unique. */
  email: string;
  fullName: string;
  /** IANA zone name. */
  timezone: string;
  /**
   * An email change waiting for the new address to confirm it: the address
   * (normalized, not unique: it is not the user's until confirmed), the
   * SHA-256 of the confirmation token (unique), and its expiry. All three
   * are set together or all `null`.
   */
  pendingEmail: string | null;
  pendingEmailTokenHash: string | null;
  pendingEmailExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  settings: { [key: string]: JsonValue };
  createdAt: Date;
  updatedAt: Date;
}

/** A user's place in one organization: unique per (organizationId, userId). */
export interface MembershipRecord {
  organizationId: string;
  userId: string;
  role: string;
  status: MemberStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** What the user console shows: the membership joined with its user and assigned projects. */
export interface MemberRecord {
  userId: string;
  organizationId: string;
  fullName: string;
  email: string;
  role: string;
  status: MemberStatus;
  timezone: string;
  /** The user's pending email change, if any, expired or not. */
  pendingEmail: string | null;
  pendingEmailExpiresAt: Date | null;
  /** Ids of the projects of this organization the member is assigned to, sorted. */
  projectIds: string[];
  /** When the membership was created. */
  createdAt: Date;
  /** The later of the membership's and the user's last change. */
  updatedAt: Date;
}

/** What `authorize` needs, read in one query. */
export interface AccessRecord {
  role: string;
  status: MemberStatus;
  /** Whether the project asked about is a project of this organization; `false` when none was asked about. */
  projectExists: boolean;
  /** Whether the member is assigned to the project asked about; `false` when none was asked about. */
  assigned: boolean;
}

export interface ProjectRecord {
  id: string;
  organizationId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProjectAssignmentRecord {
  organizationId: string;
  projectId: string;
  userId: string;
  createdAt: Date;
}

export interface InvitationRecord {
  id: string;
  organizationId: string;
  /** Normalized like a user's email. At most one `pending` invitation per (organizationId, email). */
  email: string;
  role: string;
  /** Projects to assign on acceptance; a deleted project drops out of this list. */
  projectIds: string[];
  status: InvitationStatus;
  /** SHA-256 of the token, hex. Unique. The token itself is never stored. */
  tokenHash: string;
  /** The user who sent (or last re-sent) the invitation. */
  invitedBy: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** `before`/`after` of each changed field. */
export type AuditChanges = { [field: string]: { before: JsonValue; after: JsonValue } };

export interface AuditEventRecord {
  id: string;
  organizationId: string;
  /** The user who acted. Bootstrap and acceptance name the new owner or member; `null` is kept for system actions. */
  actorId: string | null;
  action: string;
  targetType: 'organization' | 'member' | 'invitation' | 'project';
  targetId: string;
  changes: AuditChanges;
  createdAt: Date;
}

/**
 * A mail waiting in the transactional outbox. It holds no token: a delivery
 * attempt that needs a link mints a fresh one, so tokens never rest in plain
 * text.
 */
export interface MailRecord {
  id: string;
  kind: MailKind;
  /** Set for an invitation mail (its invitation's organization), `null` for a user's own mail. */
  organizationId: string | null;
  /** Set for, and only for, an `invitation` mail. */
  invitationId: string | null;
  /** Set for, and only for, the mail of an email change (`email-change`, `email-changed`). */
  userId: string | null;
  to: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  /**
   * While in the future, a deliverer is at this attempt (see `claimMail`) and
   * `listPendingMail(limit, now)` leaves the mail out; once past, the claim
   * has lapsed (its deliverer stopped) and the mail is anyone's again.
   */
  claimedUntil: Date | null;
}
