import type { UserRecord } from '../records.js';
import type { StoreMethodGroups } from '../store.js';
import { duplicateId, storeConflict } from '../store-errors.js';
import type { MemoryTables } from './memory-tables.js';
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
      if (t.users.has(user.id)) throw duplicateId('user');
      t.users.set(user.id, user);
      t.userIdByEmail.set(user.email, user.id);
      return { user, created: true };
    },

    updateUser: (userId, patch) => {
      const user = t.users.get(userId);
      if (user === undefined) return null;
      const next = applyPatch(user, patch);
      if (next.email !== user.email) {
        if (t.userIdByEmail.has(next.email)) throw storeConflict('user_email');
        t.userIdByEmail.delete(user.email);
        t.userIdByEmail.set(next.email, userId);
      }
      t.users.set(userId, next);
      return next;
    },

    countMembershipsOfUser: (userId) => t.organizationsOfUser.size(userId),
  };
}
