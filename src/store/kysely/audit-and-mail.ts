import { type Kysely, sql } from 'kysely';
import type { StoreMethodGroups, StoreTx } from '../store.js';
import { at, olderThan, type QueryContext } from './query-context.js';
import { toAuditEvent, toMail } from './row-mapping.js';
import type { OrgkitDatabase } from './schema-types.js';
import { encodeJson, encodeOptionalDate } from './sql-dialect.js';

export type AuditMailQueries = Pick<StoreTx, StoreMethodGroups['auditAndMail']>;

export function auditMailQueries(context: QueryContext): AuditMailQueries {
  const { db, dialect } = context;
  return {
    // Audit ------------------------------------------------------------------
    async insertAuditEvents(events) {
      if (events.length === 0) return;
      await db
        .insertInto('audit_events')
        .values(
          events.map((event) => ({
            id: event.id,
            organization_id: event.organizationId,
            actor_id: event.actorId,
            action: event.action,
            target_type: event.targetType,
            target_id: event.targetId,
            changes: encodeJson(event.changes),
            created_at: at(context, event.createdAt),
          })),
        )
        .execute();
    },

    async listAuditEvents(query) {
      const { after } = query;
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('organization_id', '=', query.organizationId)
        .$if(after !== undefined, (q) => q.where(olderThan(context, after!)))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(toAuditEvent);
    },

    // Outbox -----------------------------------------------------------------
    async insertMail(mail) {
      await db
        .insertInto('outbox_mail')
        .values({
          id: mail.id,
          kind: mail.kind,
          organization_id: mail.organizationId,
          invitation_id: mail.invitationId,
          user_id: mail.userId,
          recipient: mail.to,
          status: mail.status,
          attempts: mail.attempts,
          last_error: mail.lastError,
          created_at: at(context, mail.createdAt),
          updated_at: at(context, mail.updatedAt),
          sent_at: encodeOptionalDate(dialect, mail.sentAt),
          claimed_until: encodeOptionalDate(dialect, mail.claimedUntil),
        })
        .execute();
    },

    async getMail(mailId) {
      const row = await db.selectFrom('outbox_mail').selectAll().where('id', '=', mailId).executeTakeFirst();
      return row === undefined ? null : toMail(row);
    },

    async listPendingMail(limit, now) {
      const rows = await db
        .selectFrom('outbox_mail')
        .selectAll()
        .where('status', '=', sql.lit('pending'))
        .$if(now !== undefined, (q) =>
          q.where((eb) =>
            eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at(context, now as Date))]),
          ),
        )
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toMail);
    },

    async claimMail(mailId, attempts, when, until) {
      // Compare-and-set on the attempt count: of two deliverers, one claims it.
      const row = await db
        .updateTable('outbox_mail')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          updated_at: at(context, when),
          claimed_until: encodeOptionalDate(dialect, until ?? null),
        }))
        .where('id', '=', mailId)
        .where('status', '=', sql.lit('pending'))
        .where('attempts', '=', attempts)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : toMail(row);
    },

    async updateMail(mailId, patch) {
      // Outside a transaction it records how a delivery went: lost in a crash, the mail only goes
      // again once its claim lapses (at least once, as documented), so the commit need not wait for the disk.
      const write = (db: Kysely<OrgkitDatabase>) =>
        db
          .updateTable('outbox_mail')
          .set({
            ...(patch.status === undefined ? {} : { status: patch.status }),
            ...(patch.lastError === undefined ? {} : { last_error: patch.lastError }),
            ...(patch.sentAt === undefined ? {} : { sent_at: encodeOptionalDate(dialect, patch.sentAt) }),
            ...(patch.claimedUntil === undefined
              ? {}
              : { claimed_until: encodeOptionalDate(dialect, patch.claimedUntil) }),
            updated_at: at(context, patch.updatedAt),
          })
          .where('id', '=', mailId)
          .returningAll()
          .executeTakeFirst();
      const row = await (context.lazyCommit === undefined ? write(db) : context.lazyCommit(write));
      return row === undefined ? null : toMail(row);
    },

    async cancelPendingMail(of, when) {
      const rows = await db
        .updateTable('outbox_mail')
        .set({ status: 'cancelled', updated_at: at(context, when) })
        .$if('invitationId' in of, (q) => q.where('invitation_id', '=', (of as { invitationId: string }).invitationId))
        .$if('userId' in of, (q) => {
          const { userId, kind } = of as { userId: string; kind: string };
          return q.where('user_id', '=', userId).where('kind', '=', kind);
        })
        .where('status', '=', sql.lit('pending'))
        .returning('id')
        .execute();
      return rows.length;
    },
  };
}
