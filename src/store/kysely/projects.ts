import type { StoreMethodGroups, StoreTx } from '../store.js';
import { at, type QueryContext } from './query-context.js';
import { toProject } from './row-mapping.js';

export type ProjectQueries = Pick<StoreTx, StoreMethodGroups['projects']>;

export function projectQueries(context: QueryContext): ProjectQueries {
  const { db } = context;
  return {
    async insertProject(project) {
      await db
        .insertInto('projects')
        .values({
          id: project.id,
          organization_id: project.organizationId,
          name: project.name,
          created_at: at(context, project.createdAt),
          updated_at: at(context, project.updatedAt),
        })
        .execute();
    },

    async getProject(organizationId, projectId) {
      const row = await db
        .selectFrom('projects')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('id', '=', projectId)
        .executeTakeFirst();
      return row === undefined ? null : toProject(row);
    },

    async listProjects(organizationId, options = {}) {
      const { assignedTo } = options;
      const rows = await db
        .selectFrom('projects as p')
        .selectAll('p')
        .where('p.organization_id', '=', organizationId)
        .$if(assignedTo !== undefined, (query) =>
          query.where((eb) =>
            eb.exists(
              eb
                .selectFrom('project_assignments as pa')
                .select('pa.project_id')
                .whereRef('pa.organization_id', '=', 'p.organization_id')
                .whereRef('pa.project_id', '=', 'p.id')
                .where('pa.user_id', '=', assignedTo as string),
            ),
          ),
        )
        .orderBy('p.created_at')
        .orderBy('p.id')
        .execute();
      return rows.map(toProject);
    },

    async existingProjectIds(organizationId, projectIds) {
      if (projectIds.length === 0) return [];
      const rows = await db
        .selectFrom('projects')
        .select('id')
        .where('organization_id', '=', organizationId)
        .where('id', 'in', [...new Set(projectIds)])
        .execute();
      const found = new Set(rows.map((row) => row.id));
      return projectIds.filter((id) => found.has(id));
    },

    async updateProject(organizationId, projectId, patch) {
      const row = await db
        .updateTable('projects')
        .set({ name: patch.name, updated_at: at(context, patch.updatedAt) })
        .where('organization_id', '=', organizationId)
        .where('id', '=', projectId)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : toProject(row);
    },

    async deleteProject(organizationId, projectId) {
      // Foreign keys cascade to its assignments and its rows in invitation_projects.
      const row = await db
        .deleteFrom('projects')
        .where('organization_id', '=', organizationId)
        .where('id', '=', projectId)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async assignProject(assignment) {
      const row = await db
        .insertInto('project_assignments')
        .values({
          organization_id: assignment.organizationId,
          project_id: assignment.projectId,
          user_id: assignment.userId,
          created_at: at(context, assignment.createdAt),
        })
        .onConflict((conflict) => conflict.columns(['organization_id', 'project_id', 'user_id']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async unassignProject(organizationId, projectId, userId) {
      const row = await db
        .deleteFrom('project_assignments')
        .where('organization_id', '=', organizationId)
        .where('project_id', '=', projectId)
        .where('user_id', '=', userId)
        .returning('user_id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
