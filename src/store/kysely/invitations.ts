import { type Kysely, type Selectable, sql } from 'kysely';
import type { InvitationRecord } from '../records.js';
import type { StoreMethodGroups, StoreTx } from '../store.js';
import { at, olderThan, type QueryContext } from './query-context.js';
import { toInvitation } from './row-mapping.js';
import type { InvitationsTable, OrgkitDatabase } from './schema-types.js';
import { encodeOptionalDate } from './sql-dialect.js';

export type InvitationQueries = Pick<StoreTx, StoreMethodGroups['invitations']>;

export function invitationQueries(context: QueryContext): InvitationQueries {
  const { db, dialect } = context;
  const invitations = () => db.selectFrom('invitations').selectAll();

  async function one(row: Selectable<InvitationsTable> | undefined): Promise<InvitationRecord | null> {
    if (row === undefined) return null;
    const projects = await projectsOf(db, [row.id]);
    return toInvitation(row, projects.get(row.id) ?? []);
  }

  return {
    async insertInvitation(invitation) {
      const projectIds = [...new Set(invitation.projectIds)];
      await context.atomic(async (db) => {
        await db
          .insertInto('invitations')
          .values({
            id: invitation.id,
            organization_id: invitation.organizationId,
            email: invitation.email,
            role: invitation.role,
            status: invitation.status,
            token_hash: invitation.tokenHash,
            invited_by: invitation.invitedBy,
            expires_at: at(context, invitation.expiresAt),
            accepted_at: encodeOptionalDate(dialect, invitation.acceptedAt),
            created_at: at(context, invitation.createdAt),
            updated_at: at(context, invitation.updatedAt),
          })
          .execute();
        if (projectIds.length === 0) return;
        await db
          .insertInto('invitation_projects')
          .values(
            projectIds.map((projectId, position) => ({
              organization_id: invitation.organizationId,
              invitation_id: invitation.id,
              project_id: projectId,
              position,
            })),
          )
          .execute();
      });
    },

    async getInvitation(organizationId, invitationId) {
      return one(
        await invitations()
          .where('organization_id', '=', organizationId)
          .where('id', '=', invitationId)
          .executeTakeFirst(),
      );
    },

    async findPendingInvitation(organizationId, email) {
      return one(
        await invitations()
          .where('organization_id', '=', organizationId)
          .where('email', '=', email)
          // A literal, so the partial unique index serves it: SQLite would re-plan a bound status on every run.
          .where('status', '=', sql.lit('pending'))
          .executeTakeFirst(),
      );
    },

    async findInvitationByTokenHash(tokenHash) {
      return one(await invitations().where('token_hash', '=', tokenHash).executeTakeFirst());
    },

    async updatePendingInvitation(organizationId, invitationId, patch) {
      // Compare-and-set: the status test and the write are one statement.
      const update = (target: Kysely<OrgkitDatabase>) =>
        target
          .updateTable('invitations')
          .set({
            ...(patch.status === undefined ? {} : { status: patch.status }),
            ...(patch.tokenHash === undefined ? {} : { token_hash: patch.tokenHash }),
            ...(patch.expiresAt === undefined ? {} : { expires_at: at(context, patch.expiresAt) }),
            ...(patch.invitedBy === undefined ? {} : { invited_by: patch.invitedBy }),
            updated_at: at(context, patch.updatedAt),
          })
          .where('organization_id', '=', organizationId)
          .where('id', '=', invitationId)
          .where('status', '=', sql.lit('pending'))
          .returningAll()
          .executeTakeFirst();
      // A new token hash may collide (`token_hash`).
      return one(await (patch.tokenHash === undefined ? update(db) : context.atomic(update)));
    },

    async claimInvitation(tokenHash, acceptedAt) {
      // Single use under any race: of two claims, only one finds the row still pending.
      return one(
        await db
          .updateTable('invitations')
          .set({ status: 'accepted', accepted_at: at(context, acceptedAt), updated_at: at(context, acceptedAt) })
          .where('token_hash', '=', tokenHash)
          .where('status', '=', sql.lit('pending'))
          .returningAll()
          .executeTakeFirst(),
      );
    },

    async listInvitations(query) {
      const { status, after } = query;
      const now = at(context, query.now);
      const rows = await invitations()
        .where('organization_id', '=', query.organizationId)
        .$if(status !== undefined, (q) =>
          q.where((eb) => {
            // A lapsed `pending` invitation reads as `expired`.
            if (status === 'pending')
              return eb.and([eb('status', '=', sql.lit('pending')), eb('expires_at', '>', now)]);
            if (status === 'expired') {
              return eb.or([
                eb('status', '=', 'expired'),
                eb.and([eb('status', '=', sql.lit('pending')), eb('expires_at', '<=', now)]),
              ]);
            }
            return eb('status', '=', status as string);
          }),
        )
        .$if(after !== undefined, (q) => q.where(olderThan(context, after!)))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      const projects = await projectsOf(
        db,
        rows.map((row) => row.id),
      );
      return rows.map((row) => toInvitation(row, projects.get(row.id) ?? []));
    },
  };
}

/** Each invitation's project ids, in the order they were given. */
async function projectsOf(db: Kysely<OrgkitDatabase>, invitationIds: string[]): Promise<Map<string, string[]>> {
  const byInvitation = new Map<string, string[]>();
  if (invitationIds.length === 0) return byInvitation;
  const rows = await db
    .selectFrom('invitation_projects')
    .select(['invitation_id', 'project_id'])
    .where('invitation_id', 'in', invitationIds)
    .orderBy('invitation_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const list = byInvitation.get(row.invitation_id);
    if (list === undefined) byInvitation.set(row.invitation_id, [row.project_id]);
    else list.push(row.project_id);
  }
  return byInvitation;
}
