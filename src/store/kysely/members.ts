import { CompiledQuery, type Kysely, sql } from 'kysely';
import { OWNER_ROLE } from '../../access/matrix.js';
import type { MemberRecord, MemberStatus } from '../records.js';
import type { StoreMethodGroups, StoreTx } from '../store.js';
import { storeConflict } from '../store-errors.js';
import { type AccessQueries, compileAccessQueries, toAccessRecord } from './access-query.js';
import { containsNeedle, searchNeedle, sqliteCandidates } from './member-search.js';
import { at, type QueryContext } from './query-context.js';
import { decodeCount, decodeDate, decodeOptionalDate, toMembership } from './row-mapping.js';
import type { OrgkitDatabase } from './schema-types.js';

export type MemberQueries = Pick<StoreTx, StoreMethodGroups['members']>;

export function memberQueries(context: QueryContext): MemberQueries {
  const { db, dialect } = context;
  let accessQueries: AccessQueries | undefined;

  const members = () =>
    db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select([
        'm.organization_id',
        'm.user_id',
        'm.role',
        'm.status',
        'm.created_at',
        'm.updated_at',
        'u.email',
        'u.full_name',
        'u.timezone',
        'u.pending_email',
        'u.pending_email_expires_at',
        'u.updated_at as user_updated_at',
      ]);
  type MemberRow = Awaited<ReturnType<ReturnType<typeof members>['execute']>>[number];

  /** Joins each member with their assignments: one more query per page, not per member. */
  async function withProjects(rows: MemberRow[]): Promise<MemberRecord[]> {
    const first = rows[0];
    if (first === undefined) return [];
    const assignments = await assignedProjects(
      db,
      first.organization_id,
      rows.map((row) => row.user_id),
    );
    return rows.map((row) => {
      return {
        userId: row.user_id,
        organizationId: row.organization_id,
        fullName: row.full_name,
        email: row.email,
        role: row.role,
        status: row.status as MemberStatus,
        timezone: row.timezone,
        pendingEmail: row.pending_email,
        pendingEmailExpiresAt: decodeOptionalDate(row.pending_email_expires_at),
        projectIds: assignments.get(row.user_id) ?? [],
        createdAt: decodeDate(row.created_at),
        updatedAt: new Date(Math.max(decodeDate(row.updated_at).getTime(), decodeDate(row.user_updated_at).getTime())),
      };
    });
  }

  return {
    async getAccess(organizationId: string, userId: string, projectId?: string) {
      accessQueries ??= context.accessQueries ?? compileAccessQueries(db);
      const query = projectId === undefined ? accessQueries.membership : accessQueries.withProject;
      const parameters = query.parameters(organizationId, userId, projectId);
      const prepared = context.readAccess?.(query, parameters);
      const rows =
        prepared === undefined
          ? (await db.executeQuery(CompiledQuery.raw(query.sql, parameters))).rows
          : await prepared;
      return toAccessRecord(rows);
    },

    async insertMembership(membership) {
      // `do nothing` rather than a raised violation keeps an enclosing
      // Postgres transaction usable when the caller handles the CONFLICT.
      const inserted = await db
        .insertInto('memberships')
        .values({
          organization_id: membership.organizationId,
          user_id: membership.userId,
          role: membership.role,
          status: membership.status,
          created_at: at(context, membership.createdAt),
          updated_at: at(context, membership.updatedAt),
        })
        .onConflict((conflict) => conflict.columns(['organization_id', 'user_id']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      if (inserted === undefined) {
        throw storeConflict('membership');
      }
    },

    async getMember(organizationId, userId) {
      const row = await members()
        .where('m.organization_id', '=', organizationId)
        .where('m.user_id', '=', userId)
        .executeTakeFirst();
      if (row === undefined) return null;
      const [member] = await withProjects([row]);
      return member ?? null;
    },

    async listMembers(query) {
      const { after, role, status, search } = query;
      const needle = search === undefined ? undefined : searchNeedle(search);
      const candidates =
        needle !== undefined && dialect === 'sqlite' ? await sqliteCandidates(db, needle, context.searchIndex) : null;
      if (candidates?.length === 0) return [];
      const rows = await members()
        // With candidates, a unary `+` keeps SQLite from walking the whole organization in
        // keyset order: it starts from the candidates instead (users, then memberships_user_idx).
        .where(candidates === null ? sql.ref('m.organization_id') : sql`+m.organization_id`, '=', query.organizationId)
        .$if(role !== undefined, (q) => q.where('m.role', '=', role as string))
        .$if(status !== undefined, (q) => q.where('m.status', '=', status as MemberStatus))
        .$if(candidates !== null, (q) => q.where('u.id', 'in', candidates!))
        .$if(needle !== undefined, (q) => q.where((eb) => containsNeedle(context, eb, needle!)))
        .$if(after !== undefined, (q) =>
          q.where((eb) =>
            eb(eb.refTuple('m.created_at', 'm.user_id'), '>', eb.tuple(at(context, after!.createdAt), after!.id)),
          ),
        )
        .orderBy('m.created_at')
        .orderBy('m.user_id')
        .limit(query.limit)
        .execute();
      return withProjects(rows);
    },

    async updateMembership(organizationId, userId, patch) {
      const row = await db
        .updateTable('memberships')
        .set({
          ...(patch.role === undefined ? {} : { role: patch.role }),
          ...(patch.status === undefined ? {} : { status: patch.status }),
          updated_at: at(context, patch.updatedAt),
        })
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : toMembership(row);
    },

    async deleteMembership(organizationId, userId) {
      // The composite foreign key from project_assignments cascades.
      const row = await db
        .deleteFrom('memberships')
        .where('organization_id', '=', organizationId)
        .where('user_id', '=', userId)
        .returning('user_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async countActiveOwners(organizationId) {
      const row = await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('organization_id', '=', organizationId)
        .where('role', '=', OWNER_ROLE)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return decodeCount(row?.count);
    },
  };
}

/** Project ids per member, sorted like the memory store sorts them (code units). */
async function assignedProjects(
  db: Kysely<OrgkitDatabase>,
  organizationId: string,
  userIds: string[],
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('project_assignments')
    .select(['user_id', 'project_id'])
    .where('organization_id', '=', organizationId)
    .where('user_id', 'in', userIds)
    .execute();
  const byUser = new Map<string, string[]>();
  for (const row of rows) {
    const list = byUser.get(row.user_id);
    if (list === undefined) byUser.set(row.user_id, [row.project_id]);
    else list.push(row.project_id);
  }
  for (const list of byUser.values()) list.sort();
  return byUser;
}
