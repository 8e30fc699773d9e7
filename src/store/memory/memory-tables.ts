import type {
  AuditEventRecord,
  InvitationRecord,
  MailRecord,
  MembershipRecord,
  OrganizationRecord,
  ProjectAssignmentRecord,
  ProjectRecord,
  UserRecord,
} from '../records.js';
import type { Journal } from './undo-log.js';

/**
 * A composite key. JSON keeps the parts apart whatever characters the ids
 * hold, since ids are opaque strings.
 */
export function key(...parts: string[]): string {
  return JSON.stringify(parts);
}

/**
 * A map whose writes are journaled. Stored values are never mutated in place
 * (writes replace them), so restoring the old reference restores the old row.
 */
export class Table<V> {
  readonly #rows = new Map<string, V>();
  readonly #journal: Journal;

  constructor(journal: Journal) {
    this.#journal = journal;
  }

  get(id: string): V | undefined {
    return this.#rows.get(id);
  }

  has(id: string): boolean {
    return this.#rows.has(id);
  }

  values(): IterableIterator<V> {
    return this.#rows.values();
  }

  set(id: string, value: V): void {
    const rows = this.#rows;
    if (rows.has(id)) {
      const previous = rows.get(id) as V;
      this.#journal.record(() => rows.set(id, previous));
    } else {
      this.#journal.record(() => rows.delete(id));
    }
    rows.set(id, value);
  }

  delete(id: string): boolean {
    const rows = this.#rows;
    if (!rows.has(id)) return false;
    const previous = rows.get(id) as V;
    this.#journal.record(() => rows.set(id, previous));
    rows.delete(id);
    return true;
  }
}

/** A journaled one-to-many index: key → set of ids. */
export class Index {
  readonly #sets = new Map<string, Set<string>>();
  readonly #journal: Journal;

  constructor(journal: Journal) {
    this.#journal = journal;
  }

  /** A snapshot, so callers may write to the index while iterating it. */
  get(id: string): string[] {
    const set = this.#sets.get(id);
    return set === undefined ? [] : [...set];
  }

  has(id: string, member: string): boolean {
    return this.#sets.get(id)?.has(member) ?? false;
  }

  size(id: string): number {
    return this.#sets.get(id)?.size ?? 0;
  }

  add(id: string, member: string): void {
    if (this.has(id, member)) return;
    this.#addRaw(id, member);
    this.#journal.record(() => this.#removeRaw(id, member));
  }

  remove(id: string, member: string): void {
    if (!this.has(id, member)) return;
    this.#removeRaw(id, member);
    this.#journal.record(() => this.#addRaw(id, member));
  }

  #addRaw(id: string, member: string): void {
    let set = this.#sets.get(id);
    if (set === undefined) {
      set = new Set();
      this.#sets.set(id, set);
    }
    set.add(member);
  }

  #removeRaw(id: string, member: string): void {
    const set = this.#sets.get(id);
    if (set === undefined) return;
    set.delete(member);
    // Drop empty sets so deleted organizations and users leave no residue.
    if (set.size === 0) this.#sets.delete(id);
  }
}

/**
 * Everything the memory store holds. Rows are keyed by id (memberships and
 * assignments by their composite key); the indexes exist so that every
 * lookup the Store contract names is a map access, not a scan.
 */
export interface MemoryTables {
  users: Table<UserRecord>;
  /** email → user id: the `user_email` unique constraint. */
  userIdByEmail: Table<string>;
  /** pending email's token hash → user id: the `email_token_hash` unique constraint. */
  userIdByPendingEmailTokenHash: Table<string>;
  organizations: Table<OrganizationRecord>;
  /** key(organizationId, userId) → membership: the `membership` unique constraint. */
  memberships: Table<MembershipRecord>;
  /** organizationId → user ids */
  membersOfOrganization: Index;
  /** userId → organization ids */
  organizationsOfUser: Index;
  projects: Table<ProjectRecord>;
  /** organizationId → project ids */
  projectsOfOrganization: Index;
  /** key(organizationId, projectId, userId) → assignment */
  assignments: Table<ProjectAssignmentRecord>;
  /** key(organizationId, userId) → project ids */
  projectsOfMember: Index;
  /** projectId → user ids */
  membersOfProject: Index;
  invitations: Table<InvitationRecord>;
  /** organizationId → invitation ids */
  invitationsOfOrganization: Index;
  /** key(organizationId, email) → id of the `pending` invitation: the `pending_invitation` constraint. */
  pendingInvitationId: Table<string>;
  /** tokenHash → invitation id: the `token_hash` constraint. */
  invitationIdByTokenHash: Table<string>;
  auditEvents: Table<AuditEventRecord>;
  /** organizationId → audit event ids */
  auditEventsOfOrganization: Index;
  mail: Table<MailRecord>;
  /** organizationId → mail ids */
  mailOfOrganization: Index;
  /** invitationId → mail ids */
  mailOfInvitation: Index;
  /** userId → mail ids (email changes) */
  mailOfUser: Index;
}

export function createTables(journal: Journal): MemoryTables {
  const table = <V>() => new Table<V>(journal);
  const index = () => new Index(journal);
  return {
    users: table(),
    userIdByEmail: table(),
    userIdByPendingEmailTokenHash: table(),
    organizations: table(),
    memberships: table(),
    membersOfOrganization: index(),
    organizationsOfUser: index(),
    projects: table(),
    projectsOfOrganization: index(),
    assignments: table(),
    projectsOfMember: index(),
    membersOfProject: index(),
    invitations: table(),
    invitationsOfOrganization: index(),
    pendingInvitationId: table(),
    invitationIdByTokenHash: table(),
    auditEvents: table(),
    auditEventsOfOrganization: index(),
    mail: table(),
    mailOfOrganization: index(),
    mailOfInvitation: index(),
    mailOfUser: index(),
  };
}
