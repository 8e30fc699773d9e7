import { OWNER_ROLE } from '../../access/matrix.js';
import type { MemberRecord, MembershipRecord } from '../records.js';
import type { StoreMethodGroups } from '../store.js';
import { missingReference, storeConflict } from '../store-errors.js';
import { keysetPage } from './keyset-order.js';
import { key, type MemoryTables } from './memory-tables.js';
import { applyPatch } from './patch.js';
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

/** Deletes a membership and the member's assignments in that organization; `false` when there was none. */
export function removeMembership(t: MemoryTables, organizationId: string, userId: string): boolean {
  if (!t.memberships.delete(key(organizationId, userId))) return false;
  t.membersOfOrganization.remove(organizationId, userId);
  t.organizationsOfUser.remove(userId, organizationId);
  const memberKey = key(organizationId, userId);
  for (const projectId of t.projectsOfMember.get(memberKey)) {
    t.assignments.delete(key(organizationId, projectId, userId));
    t.projectsOfMember.remove(memberKey, projectId);
    t.membersOfProject.remove(projectId, userId);
  }
  return true;
}

/** Case-insensitive substring; a plain `includes`, so `%` and `_` are just characters. */
function matchesSearch(member: MemberRecord, search: string): boolean {
  const needle = search.toLowerCase();
  return member.fullName.toLowerCase().includes(needle) || member.email.toLowerCase().includes(needle);
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
      t.membersOfOrganization.add(organizationId, userId);
      t.organizationsOfUser.add(userId, organizationId);
    },

    getMember: (organizationId, userId) => {
      const membership = t.memberships.get(key(organizationId, userId));
      return membership === undefined ? null : toMember(t, membership);
    },

    listMembers: (query) => {
      const matching: MemberRecord[] = [];
      for (const userId of t.membersOfOrganization.get(query.organizationId)) {
        const membership = t.memberships.get(key(query.organizationId, userId))!;
        if (query.role !== undefined && membership.role !== query.role) continue;
        if (query.status !== undefined && membership.status !== query.status) continue;
        const member = toMember(t, membership);
        if (query.search !== undefined && !matchesSearch(member, query.search)) continue;
        matching.push(member);
      }
      return keysetPage(matching, (member) => ({ createdAt: member.createdAt, id: member.userId }), {
        descending: false,
        after: query.after,
        limit: query.limit,
      });
    },

    updateMembership: (organizationId, userId, patch) => {
      const membership = t.memberships.get(key(organizationId, userId));
      if (membership === undefined) return null;
      const next = applyPatch(membership, patch);
      t.memberships.set(key(organizationId, userId), next);
      return next;
    },

    deleteMembership: (organizationId, userId) => removeMembership(t, organizationId, userId),

    countActiveOwners: (organizationId) => {
      let count = 0;
      for (const userId of t.membersOfOrganization.get(organizationId)) {
        const membership = t.memberships.get(key(organizationId, userId))!;
        if (membership.role === OWNER_ROLE && membership.status === 'active') count += 1;
      }
      return count;
    },
  };
}
