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
import { type KeysetEntry, SortedKeysets } from './sorted-keysets.js';
import { TrigramIndex } from './trigram-index.js';
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

/** A journaled one-to-many index kept in keyset order: key → entries, so a page is a seek and a short walk. */
export class KeysetIndex {
  readonly #lists = new Map<string, SortedKeysets>();
  readonly #journal: Journal;

  constructor(journal: Journal) {
    this.#journal = journal;
  }

  size(id: string): number {
    return this.#lists.get(id)?.size ?? 0;
  }

  /** The ids in order: a snapshot, so callers may write to the index while iterating it. */
  ids(id: string): string[] {
    const ids: string[] = [];
    this.walk(id, undefined, (entry) => ids.push(entry.id) > 0);
    return ids;
  }

  /** See {@link SortedKeysets.walk}. */
  walk(id: string, after: KeysetEntry | undefined, visit: (entry: KeysetEntry) => boolean): void {
    this.#lists.get(id)?.walk(after, visit);
  }

  add(id: string, entry: KeysetEntry): void {
    this.#addRaw(id, entry);
    this.#journal.record(() => this.#removeRaw(id, entry));
  }

  remove(id: string, entry: KeysetEntry): void {
    if (!this.#removeRaw(id, entry)) return;
    this.#journal.record(() => this.#addRaw(id, entry));
  }

  #addRaw(id: string, entry: KeysetEntry): void {
    let list = this.#lists.get(id);
    if (list === undefined) {
      list = new SortedKeysets();
      this.#lists.set(id, list);
    }
    list.insert(entry);
  }

  #removeRaw(id: string, entry: KeysetEntry): boolean {
    const list = this.#lists.get(id);
    if (list === undefined || !list.delete(entry)) return false;
    if (list.size === 0) this.#lists.delete(id);
    return true;
  }
}

/** A journaled count per key, kept as rows change rather than counted by a scan. */
export class Counter {
  readonly #counts = new Map<string, number>();
  readonly #journal: Journal;

  constructor(journal: Journal) {
    this.#journal = journal;
  }

  get(id: string): number {
    return this.#counts.get(id) ?? 0;
  }

  add(id: string, delta: number): void {
    if (delta === 0) return;
    this.#addRaw(id, delta);
    this.#journal.record(() => this.#addRaw(id, -delta));
  }

  #addRaw(id: string, delta: number): void {
    const count = this.get(id) + delta;
    if (count === 0) this.#counts.delete(id);
    else this.#counts.set(id, count);
  }
}

/**
 * Everything the memory store holds. Rows are keyed by id (memberships and
 * assignments by their composite key); the indexes exist so that every
 * lookup the Store contract names is a map access, not a scan.
 */
export interface MemoryTables {
  users: Table<UserRecord>;
  /** Trigrams of each user's full name and email → user ids: member search. Not journaled (see its file). */
  userSearch: TrigramIndex;
  /** email → user id: the `user_email` unique constraint. */
  userIdByEmail: Table<string>;
  /** pending email's token hash → user id: the `email_token_hash` unique constraint. */
  userIdByPendingEmailTokenHash: Table<string>;
  organizations: Table<OrganizationRecord>;
  /** key(organizationId, userId) → membership: the `membership` unique constraint. */
  memberships: Table<MembershipRecord>;
  /** organizationId → user ids, in keyset order (membership `createdAt`, then user id) */
  membersOfOrganization: KeysetIndex;
  /** organizationId → how many members are active owners */
  activeOwners: Counter;
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
  const users = table<UserRecord>();
  return {
    users,
    userSearch: new TrigramIndex(function* () {
      for (const user of users.values()) yield { id: user.id, texts: searchedTexts(user) };
    }),
    userIdByEmail: table(),
    userIdByPendingEmailTokenHash: table(),
    organizations: table(),
    memberships: table(),
    membersOfOrganization: new KeysetIndex(journal),
    activeOwners: new Counter(journal),
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

/** What member search looks in: a user's full name and email. */
export function searchedTexts(user: UserRecord): readonly string[] {
  return [user.fullName, user.email];
}
