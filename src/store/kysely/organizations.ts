import type { StoreMethodGroups, StoreTx } from '../store.js';
import { at, type QueryContext } from './query-context.js';
import { toMembership, toOrganization } from './row-mapping.js';
import { encodeJson } from './sql-dialect.js';

export type OrganizationQueries = Pick<StoreTx, StoreMethodGroups['organizations']>;

export function organizationQueries(context: QueryContext): OrganizationQueries {
  const { db, dialect } = context;
  return {
    async insertOrganization(organization) {
      await db
        .insertInto('organizations')
        .values({
          id: organization.id,
          name: organization.name,
          settings: encodeJson(organization.settings),
          created_at: at(context, organization.createdAt),
          updated_at: at(context, organization.updatedAt),
        })
        .execute();
    },

    async getOrganization(organizationId) {
      const row = await db.selectFrom('organizations').selectAll().where('id', '=', organizationId).executeTakeFirst();
      return row === undefined ? null : toOrganization(row);
    },

    async updateOrganization(organizationId, patch) {
      const row = await db
        .updateTable('organizations')
        .set({
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.settings === undefined ? {} : { settings: encodeJson(patch.settings) }),
          updated_at: at(context, patch.updatedAt),
        })
        .where('id', '=', organizationId)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : toOrganization(row);
    },

    async deleteOrganization(organizationId) {
      // Foreign keys cascade to memberships, projects, invitations, mail and audit.
      const row = await db
        .deleteFrom('organizations')
        .where('id', '=', organizationId)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async lockOrganization(organizationId) {
      // On SQLite, `BEGIN IMMEDIATE` already holds the database's write lock.
      const row = await db
        .selectFrom('organizations')
        .select('id')
        .where('id', '=', organizationId)
        .$if(dialect === 'postgres', (query) => query.forUpdate())
        .executeTakeFirst();
      return row !== undefined;
    },

    async listMembershipsOfUser(userId) {
      const rows = await db
        .selectFrom('memberships as m')
        .innerJoin('organizations as o', 'o.id', 'm.organization_id')
        .select([
          'm.organization_id',
          'm.user_id',
          'm.role',
          'm.status',
          'm.created_at as membership_created_at',
          'm.updated_at as membership_updated_at',
          'o.id',
          'o.name',
          'o.settings',
          'o.created_at',
          'o.updated_at',
        ])
        .where('m.user_id', '=', userId)
        .orderBy('m.created_at')
        .orderBy('m.organization_id')
        .execute();
      return rows.map((row) => ({
        organization: toOrganization(row),
        membership: toMembership({
          ...row,
          created_at: row.membership_created_at,
          updated_at: row.membership_updated_at,
        }),
      }));
    },
  };
}
