import type {
  AccessRecord,
  AuditEventRecord,
  InvitationRecord,
  InvitationStatus,
  JsonValue,
  Keyset,
  MailKind,
  MailRecord,
  MailStatus,
  MemberRecord,
  MemberStatus,
  MembershipRecord,
  OrganizationRecord,
  ProjectAssignmentRecord,
  ProjectRecord,
  UserRecord,
} from './records.js';

/**
 * Where orgkit keeps its data. The methods are named for what the services
 * need, not for tables, so a store can answer each one with one indexed query.
 *
 * Contract every implementation keeps (the conformance suite in
 * `orgkit/testing` checks each point):
 * - Reads return `null` or `[]` for what does not exist; they never throw for it.
 * - Updates and deletes aimed at a missing row return `null` / `false`.
 * - A store decides no business rule. It enforces only what a database would:
 *   uniqueness, referential integrity and atomic compare-and-set. A unique
 *   violation throws `OrgkitError` `CONFLICT` with `details.constraint` naming
 *   the rule (see {@link StoreConstraint}).
 * - Other failures throw `OrgkitError` `STORE_FAILURE`, the driver error as
 *   `cause`, never in the message.
 * - Records handed in are copied; records handed out are the caller's to mutate.
 * - A patch key that is present but `undefined` leaves its field unchanged.
 * - Each method is atomic on its own, in or out of a transaction. A `CONFLICT`
 *   caught inside a transaction leaves the transaction usable.
 * - References hold: a membership needs its organization and user, a project
 *   or invitation its organization, an assignment its membership and a
 *   project of the same organization. A broken one throws `STORE_FAILURE`.
 *   An invitation's `projectIds` must name projects of its organization (the
 *   services check; SQL stores also enforce it). `invitedBy` and `actorId`
 *   are informational and reference nothing.
 * - Lists documented "oldest first" break ties on `createdAt` by id ascending.
 */
export interface StoreTx {
  // Users -------------------------------------------------------------------
  getUser(userId: string): Promise<UserRecord | null>;
  /** `email` is already normalized by the caller. */
  findUserByEmail(email: string): Promise<UserRecord | null>;
  /**
   * Inserts `user`, or, when a user with its email exists, returns that user
   * untouched. Safe when two transactions ensure the same email at once.
   * `CONFLICT` (`user_id`) when its id belongs to a user with another email
   * (ids may come from the host).
   */
  ensureUser(user: UserRecord): Promise<{ user: UserRecord; created: boolean }>;
  /**
   * `CONFLICT` (`user_email`) when the new email belongs to another user;
   * (`email_token_hash`) when the pending email's token hash is in use.
   */
  updateUser(userId: string, patch: UserPatch): Promise<UserRecord | null>;
  /** How many organizations the user is a member of, in any status. */
  countMembershipsOfUser(userId: string): Promise<number>;
  /**
   * Serializes, until the transaction ends, every transaction that locks the
   * same user with any transaction that adds a membership of that user, so a
   * membership count read after it stays true until commit. Answers `false`
   * when the user does not exist. Only meaningful inside `transaction`.
   */
  lockUser(userId: string): Promise<boolean>;
  /** The user whose pending email change has this token hash, expired or not. */
  findUserByPendingEmailTokenHash(tokenHash: string): Promise<UserRecord | null>;
  /**
   * Compare-and-set: when the user's pending email change still has
   * `tokenHash`, makes the pending email the user's email, clears the pending
   * change, sets `updatedAt` to `at`, and answers the user; otherwise changes
   * nothing and answers `null`. `CONFLICT` (`user_email`) when another user
   * has taken the address meanwhile. Expiry is the caller's to check.
   */
  confirmPendingEmail(userId: string, tokenHash: string, at: Date): Promise<UserRecord | null>;

  // Organizations -----------------------------------------------------------
  insertOrganization(organization: OrganizationRecord): Promise<void>;
  getOrganization(organizationId: string): Promise<OrganizationRecord | null>;
  updateOrganization(organizationId: string, patch: OrganizationPatch): Promise<OrganizationRecord | null>;
  /** Deletes the organization and everything in it (memberships, projects, invitations, mail, audit). */
  deleteOrganization(organizationId: string): Promise<boolean>;
  /**
   * Serializes, until the transaction ends, every transaction that locks the
   * same organization. Services take it before reading what they will check
   * across members (the active-owner count). Answers `false` when the
   * organization does not exist. Only meaningful inside `transaction`.
   */
  lockOrganization(organizationId: string): Promise<boolean>;
  /** The organizations a user belongs to, oldest membership first. */
  listMembershipsOfUser(
    userId: string,
  ): Promise<Array<{ organization: OrganizationRecord; membership: MembershipRecord }>>;

  // Members -----------------------------------------------------------------
  /**
   * The actor's role and status and, when `projectId` is given, whether that
   * project belongs to the same organization and whether they are assigned to
   * it. One query: it runs on every `authorize`.
   */
  getAccess(organizationId: string, userId: string, projectId?: string): Promise<AccessRecord | null>;
  /** `CONFLICT` (`membership`) when the user is already a member. */
  insertMembership(membership: MembershipRecord): Promise<void>;
  getMember(organizationId: string, userId: string): Promise<MemberRecord | null>;
  /** A page in keyset order: `createdAt` ascending, then `userId` ascending. */
  listMembers(query: MemberQuery): Promise<MemberRecord[]>;
  updateMembership(organizationId: string, userId: string, patch: MembershipPatch): Promise<MembershipRecord | null>;
  /** Deletes the membership and the member's project assignments in that organization. */
  deleteMembership(organizationId: string, userId: string): Promise<boolean>;
  countActiveOwners(organizationId: string): Promise<number>;

  // Projects ----------------------------------------------------------------
  insertProject(project: ProjectRecord): Promise<void>;
  getProject(organizationId: string, projectId: string): Promise<ProjectRecord | null>;
  /** Oldest first. With `assignedTo`, only the projects that user is assigned to. */
  listProjects(organizationId: string, options?: { assignedTo?: string }): Promise<ProjectRecord[]>;
  /** Which of `projectIds` are projects of this organization. */
  existingProjectIds(organizationId: string, projectIds: readonly string[]): Promise<string[]>;
  updateProject(organizationId: string, projectId: string, patch: ProjectPatch): Promise<ProjectRecord | null>;
  /** Deletes the project, its assignments, and drops it from invitations. */
  deleteProject(organizationId: string, projectId: string): Promise<boolean>;
  /** `false` when the assignment already exists. The project and membership must exist. */
  assignProject(assignment: ProjectAssignmentRecord): Promise<boolean>;
  /** `false` when there was no such assignment. */
  unassignProject(organizationId: string, projectId: string, userId: string): Promise<boolean>;

  // Invitations -------------------------------------------------------------
  /**
   * `CONFLICT` (`pending_invitation`) when a `pending` invitation to the same
   * email exists in the organization, whatever its expiry; (`token_hash`) on a
   * reused hash.
   */
  insertInvitation(invitation: InvitationRecord): Promise<void>;
  getInvitation(organizationId: string, invitationId: string): Promise<InvitationRecord | null>;
  /** The `pending` invitation to `email` in the organization, expired or not. */
  findPendingInvitation(organizationId: string, email: string): Promise<InvitationRecord | null>;
  findInvitationByTokenHash(tokenHash: string): Promise<InvitationRecord | null>;
  /**
   * Compare-and-set: applies `patch` only while the invitation's status is
   * `pending`; otherwise changes nothing and answers `null`. Of two
   * transactions racing on the same invitation, one wins. A `tokenHash`
   * already in use throws `CONFLICT` (`token_hash`).
   */
  updatePendingInvitation(
    organizationId: string,
    invitationId: string,
    patch: InvitationPatch,
  ): Promise<InvitationRecord | null>;
  /**
   * Single-use claim: marks the `pending` invitation with this token hash
   * `accepted` at `acceptedAt` (also its `updatedAt`) and returns it; `null`
   * when there is none. Expiry is the caller's to check.
   */
  claimInvitation(tokenHash: string, acceptedAt: Date): Promise<InvitationRecord | null>;
  /** Newest first. */
  listInvitations(query: InvitationQuery): Promise<InvitationRecord[]>;

  // Audit -------------------------------------------------------------------
  insertAuditEvents(events: readonly AuditEventRecord[]): Promise<void>;
  /** Newest first: `createdAt` descending, then `id` descending. */
  listAuditEvents(query: AuditQuery): Promise<AuditEventRecord[]>;

  // Outbox ------------------------------------------------------------------
  insertMail(mail: MailRecord): Promise<void>;
  getMail(mailId: string): Promise<MailRecord | null>;
  /** `pending` mail, oldest first; with `now`, only mail no deliverer holds a claim on at `now`. */
  listPendingMail(limit: number, now?: Date): Promise<MailRecord[]>;
  /**
   * Compare-and-set for one delivery attempt: when the mail is `pending` with
   * exactly `attempts` attempts, counts one more, sets `updatedAt` to `at` and
   * `claimedUntil` to `until` (default `null`), and answers the updated mail;
   * otherwise `null` (another deliverer got there first).
   */
  claimMail(mailId: string, attempts: number, at: Date, until?: Date): Promise<MailRecord | null>;
  /**
   * Outside `transaction` this records how a delivery went, and a store may
   * commit it without waiting for the disk (Postgres does): lost in a crash,
   * the mail is only sent again once its claim lapses.
   */
  updateMail(mailId: string, patch: MailPatch): Promise<MailRecord | null>;
  /**
   * Cancels every `pending` mail of an invitation, or of one kind for a user
   * (`updatedAt` = `at`); answers how many.
   */
  cancelPendingMail(of: { invitationId: string } | { userId: string; kind: MailKind }, at: Date): Promise<number>;
}

export interface Store extends StoreTx {
  /**
   * Runs `fn` in one transaction: all of its writes commit together, or, if
   * `fn` throws, none do and the error is rethrown. A store may run `fn` again
   * after a serialization failure or deadlock, so `fn` must have no effects
   * outside `tx`. `fn` must not use the store itself, only `tx`.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Creates or upgrades the store's tables. Idempotent; safe to call concurrently. */
  migrate(): Promise<void>;
  /** Releases what the store opened itself (never a connection the host passed in). */
  close(): Promise<void>;
}

/**
 * The contract's methods by concept, one group per section of `StoreTx`:
 * how the bundled stores split their implementation into files.
 */
export interface StoreMethodGroups {
  users:
    | 'getUser'
    | 'findUserByEmail'
    | 'ensureUser'
    | 'updateUser'
    | 'countMembershipsOfUser'
    | 'lockUser'
    | 'findUserByPendingEmailTokenHash'
    | 'confirmPendingEmail';
  organizations:
    | 'insertOrganization'
    | 'getOrganization'
    | 'updateOrganization'
    | 'deleteOrganization'
    | 'lockOrganization'
    | 'listMembershipsOfUser';
  members:
    | 'getAccess'
    | 'insertMembership'
    | 'getMember'
    | 'listMembers'
    | 'updateMembership'
    | 'deleteMembership'
    | 'countActiveOwners';
  projects:
    | 'insertProject'
    | 'getProject'
    | 'listProjects'
    | 'existingProjectIds'
    | 'updateProject'
    | 'deleteProject'
    | 'assignProject'
    | 'unassignProject';
  invitations:
    | 'insertInvitation'
    | 'getInvitation'
    | 'findPendingInvitation'
    | 'findInvitationByTokenHash'
    | 'updatePendingInvitation'
    | 'claimInvitation'
    | 'listInvitations';
  auditAndMail:
    | 'insertAuditEvents'
    | 'listAuditEvents'
    | 'insertMail'
    | 'getMail'
    | 'listPendingMail'
    | 'claimMail'
    | 'updateMail'
    | 'cancelPendingMail';
}

/**
 * The unique rules a store enforces, each with the conflict reason it means
 * to a host. A store names the rule in `details.constraint` of a `CONFLICT`
 * and its reason in `details.reason` (see `storeConflict`).
 */
export const STORE_CONSTRAINTS = {
  user_id: 'USER_ID_TAKEN',
  user_email: 'EMAIL_TAKEN',
  membership: 'ALREADY_MEMBER',
  pending_invitation: 'INVITATION_PENDING',
  token_hash: 'TOKEN_TAKEN',
  email_token_hash: 'TOKEN_TAKEN',
} as const;
export type StoreConstraint = keyof typeof STORE_CONSTRAINTS;

export interface UserPatch {
  email?: string;
  fullName?: string;
  timezone?: string;
  /** The three pending-email fields change together (all set, or all `null`). */
  pendingEmail?: string | null;
  pendingEmailTokenHash?: string | null;
  pendingEmailExpiresAt?: Date | null;
  updatedAt: Date;
}

export interface OrganizationPatch {
  name?: string;
  settings?: { [key: string]: JsonValue };
  updatedAt: Date;
}

export interface MembershipPatch {
  role?: string;
  status?: MemberStatus;
  updatedAt: Date;
}

export interface ProjectPatch {
  name: string;
  updatedAt: Date;
}

export interface InvitationPatch {
  status?: Exclude<InvitationStatus, 'pending'>;
  tokenHash?: string;
  expiresAt?: Date;
  invitedBy?: string | null;
  updatedAt: Date;
}

export interface MailPatch {
  status?: MailStatus;
  lastError?: string | null;
  sentAt?: Date | null;
  claimedUntil?: Date | null;
  updatedAt: Date;
}

export interface MemberQuery {
  organizationId: string;
  role?: string;
  status?: MemberStatus;
  /** Case-insensitive substring of full name or email; `%` and `_` match themselves. */
  search?: string;
  limit: number;
  /** Keyset: return members strictly after this one (`id` is the member's `userId`). */
  after?: Keyset;
}

export interface InvitationQuery {
  organizationId: string;
  /**
   * `pending` means not yet expired at `now`; `expired` covers stored
   * `expired` and lapsed `pending` ones.
   */
  status?: InvitationStatus;
  now: Date;
  limit: number;
  /** Keyset: return invitations strictly after (older than) this one. */
  after?: Keyset;
}

export interface AuditQuery {
  organizationId: string;
  limit: number;
  /** Keyset: return events strictly older than this one. */
  after?: Keyset;
}
