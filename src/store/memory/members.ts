import { OWNER_ROLE } from '../../access/matrix.js';
import type { MemberRecord, MembershipRecord, UserRecord } from '../records.js';
import type { MemberQuery, StoreMethodGroups } from '../store.js';
import { missingReference, storeConflict } from '../store-errors.js';
import { key, type MemoryTables } from './memory-tables.js';
import { applyPatch } from './patch.js';
import { compareEntries, type KeysetEntry } from './sorted-keysets.js';
import type { SyncMethods } from './sync-methods.js';

/** The membership joined with its user and assignments, as the user console shows it. */
export function toMember(t: MemoryTables, membership: MembershipRecord): MemberRecord {
  const user = t.users.get(membership.userId)!;
  const updatedAt = new Date(Math.max(user.updatedAt.getTime(), membership.updatedAt.getTime()));
  return {
    userId: membership.userId,
    organizationId: membership.organizationId,
    fullName: user.fullName,
    email: user.email,
    role: membership.role,
    status: membership.status,
    timezone: user.timezone,
    pendingEmail: user.pendingEmail,
    pendingEmailExpiresAt: user.pendingEmailExpiresAt,
    projectIds: t.projectsOfMember.get(key(membership.organizationId, membership.userId)).sort(),
    createdAt: membership.createdAt,
    updatedAt,
  };
}

/** A membership's place in its organization's keyset order. */
function entryOf(membership: MembershipRecord): KeysetEntry {
  return { at: membership.createdAt.getTime(), id: membership.userId };
}

/** 1 for an active owner, else 0: what `countActiveOwners` adds up, kept as memberships change. */
function ownerWeight(membership: MembershipRecord): number {
  return membership.role === OWNER_ROLE && membership.status === 'active' ? 1 : 0;
}

/** Deletes a membership and the member's assignments in that organization; `false` when there was none. */
export function removeMembership(t: MemoryTables, organizationId: string, userId: string): boolean {
  const memberKey = key(organizationId, userId);
  const membership = t.memberships.get(memberKey);
  if (membership === undefined) return false;
  t.memberships.delete(memberKey);
  t.membersOfOrganization.remove(organizationId, entryOf(membership));
  t.activeOwners.add(organizationId, -ownerWeight(membership));
  t.organizationsOfUser.remove(userId, organizationId);
  for (const projectId of t.projectsOfMember.get(memberKey)) {
    t.assignments.delete(key(organizationId, projectId, userId));
    t.projectsOfMember.remove(memberKey, projectId);
    t.membersOfProject.remove(projectId, userId);
  }
  return true;
}

/** Case-insensitive substring; a plain `includes`, so `%` and `_` are just characters. */
function matchesSearch(user: UserRecord, needle: string): boolean {
  return user.fullName.toLowerCase().includes(needle) || user.email.toLowerCase().includes(needle);
}

/**
 * A page of `listMembers`. Members are kept in keyset order, so a page is a
 * seek to the cursor and a walk that stops once the page is full: records
 * are built for the page only. A search term goes through the trigram index
 * when its candidates are few: reading them all and sorting the matches
 * costs about their number, where the walk costs about `limit × members /
 * matches`, so the index wins below the square root of `limit × members`.
 */
function listPage(t: MemoryTables, query: MemberQuery): MemberRecord[] {
  const { organizationId, role, status, limit } = query;
  if (limit <= 0) return [];
  const after = query.after === undefined ? undefined : { at: query.after.createdAt.getTime(), id: query.after.id };
  const needle = query.search?.toLowerCase();
  const accepts = (membership: MembershipRecord): boolean =>
    (role === undefined || membership.role === role) &&
    (status === undefined || membership.status === status) &&
    (needle === undefined || matchesSearch(t.users.get(membership.userId)!, needle));

  const candidates = needle === undefined ? undefined : t.userSearch.candidates(needle);
  const members = t.membersOfOrganization.size(organizationId);
  if (candidates !== undefined && candidates.length ** 2 <= limit * members) {
    const matches = new Map<string, { membership: MembershipRecord; entry: KeysetEntry }>();
    candidates.forEach((userId) => {
      const membership = matches.has(userId) ? undefined : t.memberships.get(key(organizationId, userId));
      if (membership === undefined) return;
      const entry = entryOf(membership);
      if (after !== undefined && compareEntries(entry, after) <= 0) return;
      if (accepts(membership)) matches.set(userId, { membership, entry });
    });
    return [...matches.values()]
      .sort((a, b) => compareEntries(a.entry, b.entry))
      .slice(0, limit)
      .map(({ membership }) => toMember(t, membership));
  }

  const page: MemberRecord[] = [];
  t.membersOfOrganization.walk(organizationId, after, ({ id }) => {
    if (candidates !== undefined && !candidates.has(id)) return true;
    const membership = t.memberships.get(key(organizationId, id))!;
    if (accepts(membership)) page.push(toMember(t, membership));
    return page.length < limit;
  });
  return page;
}

export function memberMethods(t: MemoryTables): SyncMethods<StoreMethodGroups['members']> {
  return {
    getAccess: (organizationId, userId, projectId?: string) => {
      const membership = t.memberships.get(key(organizationId, userId));
      if (membership === undefined) return null;
      if (projectId === undefined) {
        return { role: membership.role, status: membership.status, projectExists: false, assigned: false };
      }
      const project = t.projects.get(projectId);
      return {
        role: membership.role,
        status: membership.status,
        projectExists: project !== undefined && project.organizationId === organizationId,
        assigned: t.projectsOfMember.has(key(organizationId, userId), projectId),
      };
    },

    insertMembership: (membership) => {
      const { organizationId, userId } = membership;
      if (t.memberships.has(key(organizationId, userId))) throw storeConflict('membership');
      if (!t.organizations.has(organizationId)) throw missingReference('organization');
      if (!t.users.has(userId)) throw missingReference('user');
      t.memberships.set(key(organizationId, userId), membership);
      t.membersOfOrganization.add(organizationId, entryOf(membership));
      t.activeOwners.add(organizationId, ownerWeight(membership));
      t.organizationsOfUser.add(userId, organizationId);
    },

    getMember: (organizationId, userId) => {
      const membership = t.memberships.get(key(organizationId, userId));
      return membership === undefined ? null : toMember(t, membership);
    },

    listMembers: (query) => listPage(t, query),

    updateMembership: (organizationId, userId, patch) => {
      const membership = t.memberships.get(key(organizationId, userId));
      if (membership === undefined) return null;
      const next = applyPatch(membership, patch);
      t.memberships.set(key(organizationId, userId), next);
      t.activeOwners.add(organizationId, ownerWeight(next) - ownerWeight(membership));
      return next;
    },

    deleteMembership: (organizationId, userId) => removeMembership(t, organizationId, userId),

    countActiveOwners: (organizationId) => t.activeOwners.get(organizationId),
  };
}
