import type { StoreMethodGroups } from '../store.js';
import { duplicateId } from '../store-errors.js';
import { removeMail } from './audit-and-mail.js';
import { removeInvitation } from './invitations.js';
import { compareKeyset } from './keyset-order.js';
import { removeMembership } from './members.js';
import { key, type MemoryTables } from './memory-tables.js';
import { applyPatch } from './patch.js';
import { removeProject } from './projects.js';
import type { SyncMethods } from './sync-methods.js';

export function organizationMethods(t: MemoryTables): SyncMethods<StoreMethodGroups['organizations']> {
  return {
    insertOrganization: (organization) => {
      if (t.organizations.has(organization.id)) throw duplicateId('organization');
      t.organizations.set(organization.id, organization);
    },

    getOrganization: (organizationId) => t.organizations.get(organizationId) ?? null,

    updateOrganization: (organizationId, patch) => {
      const organization = t.organizations.get(organizationId);
      if (organization === undefined) return null;
      const next = applyPatch(organization, patch);
      t.organizations.set(organizationId, next);
      return next;
    },

    deleteOrganization: (organizationId) => {
      if (!t.organizations.has(organizationId)) return false;
      // Children first, as ON DELETE CASCADE would; each remover keeps its own indexes in step.
      for (const mailId of t.mailOfOrganization.get(organizationId)) removeMail(t, t.mail.get(mailId)!);
      for (const invitationId of t.invitationsOfOrganization.get(organizationId)) {
        removeInvitation(t, t.invitations.get(invitationId)!);
      }
      for (const projectId of t.projectsOfOrganization.get(organizationId)) removeProject(t, organizationId, projectId);
      for (const userId of t.membersOfOrganization.ids(organizationId)) removeMembership(t, organizationId, userId);
      for (const eventId of t.auditEventsOfOrganization.get(organizationId)) {
        t.auditEvents.delete(eventId);
        t.auditEventsOfOrganization.remove(organizationId, eventId);
      }
      t.organizations.delete(organizationId);
      return true;
    },

    // Every transaction already runs alone (see memory-store.ts), so holding the lock needs nothing more.
    lockOrganization: (organizationId) => t.organizations.has(organizationId),

    listMembershipsOfUser: (userId) =>
      t.organizationsOfUser
        .get(userId)
        .map((organizationId) => ({
          organization: t.organizations.get(organizationId)!,
          membership: t.memberships.get(key(organizationId, userId))!,
        }))
        .sort((a, b) =>
          compareKeyset(
            { createdAt: a.membership.createdAt, id: a.organization.id },
            { createdAt: b.membership.createdAt, id: b.organization.id },
          ),
        ),
  };
}
