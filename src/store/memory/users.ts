import type { UserRecord } from '../records.js';
import type { StoreMethodGroups } from '../store.js';
import { storeConflict } from '../store-errors.js';
import { type MemoryTables, searchedTexts } from './memory-tables.js';
import { applyPatch } from './patch.js';
import type { SyncMethods } from './sync-methods.js';

export function userMethods(t: MemoryTables): SyncMethods<StoreMethodGroups['users']> {
  const byEmail = (email: string): UserRecord | null => {
    const id = t.userIdByEmail.get(email);
    return id === undefined ? null : (t.users.get(id) ?? null);
  };

  return {
    getUser: (userId) => t.users.get(userId) ?? null,

    findUserByEmail: byEmail,

    ensureUser: (user) => {
      const existing = byEmail(user.email);
      if (existing !== null) return { user: existing, created: false };
      if (t.users.has(user.id)) throw storeConflict('user_id');
      const tokenHash = user.pendingEmailTokenHash;
      if (tokenHash !== null && t.userIdByPendingEmailTokenHash.has(tokenHash)) throw storeConflict('email_token_hash');
      t.users.set(user.id, user);
      t.userSearch.add(user.id, searchedTexts(user));
      t.userIdByEmail.set(user.email, user.id);
      if (tokenHash !== null) t.userIdByPendingEmailTokenHash.set(tokenHash, user.id);
      return { user, created: true };
    },

    updateUser: (userId, patch) => {
      const user = t.users.get(userId);
      if (user === undefined) return null;
      return replaceUser(t, user, applyPatch(user, patch));
    },

    countMembershipsOfUser: (userId) => t.organizationsOfUser.size(userId),

    // Transactions run one at a time: nothing can add a membership meanwhile.
    lockUser: (userId) => t.users.has(userId),

    findUserByPendingEmailTokenHash: (tokenHash) => {
      const id = t.userIdByPendingEmailTokenHash.get(tokenHash);
      return id === undefined ? null : (t.users.get(id) ?? null);
    },

    confirmPendingEmail: (userId, tokenHash, at) => {
      const user = t.users.get(userId);
      if (user === undefined || user.pendingEmail === null || user.pendingEmailTokenHash !== tokenHash) return null;
      return replaceUser(t, user, {
        ...user,
        email: user.pendingEmail,
        pendingEmail: null,
        pendingEmailTokenHash: null,
        pendingEmailExpiresAt: null,
        updatedAt: at,
      });
    },
  };
}

/** Writes `next` over `user`, keeping the two unique indexes (email, pending token hash) in step. */
function replaceUser(t: MemoryTables, user: UserRecord, next: UserRecord): UserRecord {
  if (next.email !== user.email) {
    if (t.userIdByEmail.has(next.email)) throw storeConflict('user_email');
    t.userIdByEmail.delete(user.email);
    t.userIdByEmail.set(next.email, user.id);
  }
  if (next.pendingEmailTokenHash !== user.pendingEmailTokenHash) {
    const taken = next.pendingEmailTokenHash;
    if (taken !== null && t.userIdByPendingEmailTokenHash.has(taken)) throw storeConflict('email_token_hash');
    if (user.pendingEmailTokenHash !== null) t.userIdByPendingEmailTokenHash.delete(user.pendingEmailTokenHash);
    if (taken !== null) t.userIdByPendingEmailTokenHash.set(taken, user.id);
  }
  t.users.set(user.id, next);
  if (next.fullName !== user.fullName || next.email !== user.email) t.userSearch.add(user.id, searchedTexts(next));
  return next;
}
