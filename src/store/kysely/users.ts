import { OrgkitError } from '../../errors.js';
import type { UserRecord } from '../records.js';
import type { StoreMethodGroups, StoreTx } from '../store.js';
import { at, type QueryContext } from './query-context.js';
import { decodeCount, toUser } from './row-mapping.js';
import { encodeOptionalDate, searchName } from './sql-dialect.js';

export type UserQueries = Pick<StoreTx, StoreMethodGroups['users']>;

export function userQueries(context: QueryContext): UserQueries {
  const { db, dialect } = context;
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
      // the winner to commit, inserts nothing and reads the winner's row. An
      // id taken under another email is a CONFLICT (`user_id`), under a
      // savepoint so the transaction stays usable.
      const inserted = await context.atomic((target) =>
        target
          .insertInto('users')
          .values({
            id: user.id,
            email: user.email,
            full_name: user.fullName,
            search_name: searchName(user.fullName),
            timezone: user.timezone,
            pending_email: user.pendingEmail,
            pending_email_token_hash: user.pendingEmailTokenHash,
            pending_email_expires_at: encodeOptionalDate(dialect, user.pendingEmailExpiresAt),
            created_at: at(context, user.createdAt),
            updated_at: at(context, user.updatedAt),
          })
          .onConflict((conflict) => conflict.column('email').doNothing())
          .returningAll()
          .executeTakeFirst(),
      );
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
            ...(patch.pendingEmail === undefined ? {} : { pending_email: patch.pendingEmail }),
            ...(patch.pendingEmailTokenHash === undefined
              ? {}
              : { pending_email_token_hash: patch.pendingEmailTokenHash }),
            ...(patch.pendingEmailExpiresAt === undefined
              ? {}
              : { pending_email_expires_at: encodeOptionalDate(dialect, patch.pendingEmailExpiresAt) }),
            updated_at: at(context, patch.updatedAt),
          })
          .where('id', '=', userId)
          .returningAll()
          .executeTakeFirst();
      // A new email or token hash may collide with another user's (`user_email`, `email_token_hash`).
      const unique = patch.email !== undefined || typeof patch.pendingEmailTokenHash === 'string';
      const row = await (unique ? context.atomic(update) : update(db));
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

    async lockUser(userId) {
      // FOR UPDATE conflicts with the FOR KEY SHARE lock that inserting a
      // membership takes on its user, so no membership of this user can be
      // added until the transaction ends. SQLite holds the database's write
      // lock from BEGIN IMMEDIATE already.
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('id', '=', userId)
        .$if(dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      return row !== undefined;
    },

    async findUserByPendingEmailTokenHash(tokenHash) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('pending_email_token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row === undefined ? null : toUser(row);
    },

    async confirmPendingEmail(userId, tokenHash, when) {
      // Compare-and-set on the token hash: of two confirmations, one moves the address.
      const confirm = (target: typeof db) =>
        target
          .updateTable('users')
          .set((eb) => ({
            email: eb.ref('pending_email').$castTo<string>(),
            pending_email: null,
            pending_email_token_hash: null,
            pending_email_expires_at: null,
            updated_at: at(context, when),
          }))
          .where('id', '=', userId)
          .where('pending_email_token_hash', '=', tokenHash)
          .where('pending_email', 'is not', null)
          .returningAll()
          .executeTakeFirst();
      const row = await context.atomic(confirm);
      return row === undefined ? null : toUser(row);
    },
  };
}
