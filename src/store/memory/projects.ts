import type { ProjectRecord } from '../records.js';
import type { StoreMethodGroups } from '../store.js';
import { duplicateId, missingReference } from '../store-errors.js';
import { compareKeyset } from './keyset-order.js';
import { key, type MemoryTables } from './memory-tables.js';
import { applyPatch } from './patch.js';
import type { SyncMethods } from './sync-methods.js';

function projectOf(t: MemoryTables, organizationId: string, projectId: string): ProjectRecord | null {
  const project = t.projects.get(projectId);
  return project !== undefined && project.organizationId === organizationId ? project : null;
}

/** Deletes a project and its assignments, and drops it from the organization's invitations. */
export function removeProject(t: MemoryTables, organizationId: string, projectId: string): boolean {
  if (projectOf(t, organizationId, projectId) === null) return false;
  for (const userId of t.membersOfProject.get(projectId)) {
    t.assignments.delete(key(organizationId, projectId, userId));
    t.projectsOfMember.remove(key(organizationId, userId), projectId);
    t.membersOfProject.remove(projectId, userId);
  }
  for (const invitationId of t.invitationsOfOrganization.get(organizationId)) {
    const invitation = t.invitations.get(invitationId)!;
    if (invitation.projectIds.includes(projectId)) {
      const projectIds = invitation.projectIds.filter((id) => id !== projectId);
      t.invitations.set(invitationId, { ...invitation, projectIds });
    }
  }
  t.projects.delete(projectId);
  t.projectsOfOrganization.remove(organizationId, projectId);
  return true;
}

export function projectMethods(t: MemoryTables): SyncMethods<StoreMethodGroups['projects']> {
  return {
    insertProject: (project) => {
      if (t.projects.has(project.id)) throw duplicateId('project');
      if (!t.organizations.has(project.organizationId)) throw missingReference('organization');
      t.projects.set(project.id, project);
      t.projectsOfOrganization.add(project.organizationId, project.id);
    },

    getProject: (organizationId, projectId) => projectOf(t, organizationId, projectId),

    listProjects: (organizationId, options) => {
      const assignedTo = options?.assignedTo;
      const ids =
        assignedTo === undefined
          ? t.projectsOfOrganization.get(organizationId)
          : t.projectsOfMember.get(key(organizationId, assignedTo));
      return ids.map((id) => t.projects.get(id)!).sort((a, b) => compareKeyset(a, b));
    },

    existingProjectIds: (organizationId, projectIds) =>
      [...new Set(projectIds)].filter((id) => projectOf(t, organizationId, id) !== null),

    updateProject: (organizationId, projectId, patch) => {
      const project = projectOf(t, organizationId, projectId);
      if (project === null) return null;
      const next = applyPatch(project, patch);
      t.projects.set(projectId, next);
      return next;
    },

    deleteProject: (organizationId, projectId) => removeProject(t, organizationId, projectId),

    assignProject: (assignment) => {
      const { organizationId, projectId, userId } = assignment;
      if (projectOf(t, organizationId, projectId) === null) throw missingReference('project');
      if (!t.memberships.has(key(organizationId, userId))) throw missingReference('membership');
      const assignmentKey = key(organizationId, projectId, userId);
      if (t.assignments.has(assignmentKey)) return false;
      t.assignments.set(assignmentKey, assignment);
      t.projectsOfMember.add(key(organizationId, userId), projectId);
      t.membersOfProject.add(projectId, userId);
      return true;
    },

    unassignProject: (organizationId, projectId, userId) => {
      if (!t.assignments.delete(key(organizationId, projectId, userId))) return false;
      t.projectsOfMember.remove(key(organizationId, userId), projectId);
      t.membersOfProject.remove(projectId, userId);
      return true;
    },
  };
}
