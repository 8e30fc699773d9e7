import { OrgkitError } from '../../errors.js';
import type { UserRecord } from '../records.js';
import type { StoreMethodGroups, StoreTx } from '../store.js';
import { at, type QueryContext } from './query-context.js';
import { decodeCount, toUser } from './row-mapping.js';
import { searchName } from './sql-dialect.js';

export type UserQueries = Pick<StoreTx, StoreMethodGroups['users']>;

export function userQueries(context: QueryContext): UserQueries {
  const { db } = context;
  const byEmail = async (email: string) =>
    db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

  return {
    async getUser(userId) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
      return row === undefined ? null : toUser(row);
    },

    async findUserByEmail(email) {
      const row = await byEmail(email);
      return row === undefined ? null : toUser(row);
    },

    async ensureUser(user: UserRecord) {
      // The unique index decides between racing inserts; the loser waits for
      // the winner to commit, inserts nothing and reads the winner's row.
      const inserted = await db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          full_name: user.fullName,
          search_name: searchName(user.fullName),
          timezone: user.timezone,
          created_at: at(context, user.createdAt),
          updated_at: at(context, user.updatedAt),
        })
        .onConflict((conflict) => conflict.column('email').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted !== undefined) return { user: toUser(inserted), created: true };
      const existing = await byEmail(user.email);
      if (existing === undefined) {
        // Only when the conflicting row was deleted in between.
        throw new OrgkitError({ code: 'STORE_FAILURE', message: 'The store could not settle a racing user insert.' });
      }
      return { user: toUser(existing), created: false };
    },

    async updateUser(userId, patch) {
      const update = (target: typeof db) =>
        target
          .updateTable('users')
          .set({
            ...(patch.email === undefined ? {} : { email: patch.email }),
            ...(patch.fullName === undefined
              ? {}
              : { full_name: patch.fullName, search_name: searchName(patch.fullName) }),
            ...(patch.timezone === undefined ? {} : { timezone: patch.timezone }),
            updated_at: at(context, patch.updatedAt),
          })
          .where('id', '=', userId)
          .returningAll()
          .executeTakeFirst();
      // A new email may collide with another user's (`user_email`).
      const row = await (patch.email === undefined ? update(db) : context.atomic(update));
      return row === undefined ? null : toUser(row);
    },

    async countMembershipsOfUser(userId) {
      const row = await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return decodeCount(row?.count);
    },
  };
}
