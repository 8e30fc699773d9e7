import type { InvitationRecord, InvitationStatus } from '../records.js';
import type { StoreMethodGroups } from '../store.js';
import { duplicateId, missingReference, storeConflict } from '../store-errors.js';
import { keysetPage } from './keyset-order.js';
import { key, type MemoryTables } from './memory-tables.js';
import { applyPatch } from './patch.js';
import type { SyncMethods } from './sync-methods.js';

/** A lapsed `pending` invitation reads as `expired` (see `InvitationQuery.status`). */
function statusAt(invitation: InvitationRecord, now: Date): InvitationStatus {
  return invitation.status === 'pending' && invitation.expiresAt.getTime() <= now.getTime()
    ? 'expired'
    : invitation.status;
}

function invitationOf(t: MemoryTables, organizationId: string, invitationId: string): InvitationRecord | null {
  const invitation = t.invitations.get(invitationId);
  return invitation !== undefined && invitation.organizationId === organizationId ? invitation : null;
}

/** Writes `next` over `previous` (or inserts it), keeping the unique indexes in step. */
function writeInvitation(t: MemoryTables, next: InvitationRecord, previous: InvitationRecord | null): void {
  if (previous !== null && previous.tokenHash !== next.tokenHash) {
    t.invitationIdByTokenHash.delete(previous.tokenHash);
  }
  t.invitationIdByTokenHash.set(next.tokenHash, next.id);
  const pendingKey = key(next.organizationId, next.email);
  if (next.status === 'pending') t.pendingInvitationId.set(pendingKey, next.id);
  else if (previous?.status === 'pending') t.pendingInvitationId.delete(pendingKey);
  t.invitations.set(next.id, next);
}

export function removeInvitation(t: MemoryTables, invitation: InvitationRecord): void {
  t.invitations.delete(invitation.id);
  t.invitationsOfOrganization.remove(invitation.organizationId, invitation.id);
  t.invitationIdByTokenHash.delete(invitation.tokenHash);
  if (invitation.status === 'pending') t.pendingInvitationId.delete(key(invitation.organizationId, invitation.email));
}

export function invitationMethods(t: MemoryTables): SyncMethods<StoreMethodGroups['invitations']> {
  const byTokenHash = (tokenHash: string): InvitationRecord | null => {
    const id = t.invitationIdByTokenHash.get(tokenHash);
    return id === undefined ? null : (t.invitations.get(id) ?? null);
  };

  return {
    insertInvitation: (invitation) => {
      if (t.invitations.has(invitation.id)) throw duplicateId('invitation');
      if (
        invitation.status === 'pending' &&
        t.pendingInvitationId.has(key(invitation.organizationId, invitation.email))
      ) {
        throw storeConflict('pending_invitation');
      }
      if (t.invitationIdByTokenHash.has(invitation.tokenHash)) throw storeConflict('token_hash');
      if (!t.organizations.has(invitation.organizationId)) throw missingReference('organization');
      writeInvitation(t, invitation, null);
      t.invitationsOfOrganization.add(invitation.organizationId, invitation.id);
    },

    getInvitation: (organizationId, invitationId) => invitationOf(t, organizationId, invitationId),

    findPendingInvitation: (organizationId, email) => {
      const id = t.pendingInvitationId.get(key(organizationId, email));
      return id === undefined ? null : (t.invitations.get(id) ?? null);
    },

    findInvitationByTokenHash: byTokenHash,

    updatePendingInvitation: (organizationId, invitationId, patch) => {
      const invitation = invitationOf(t, organizationId, invitationId);
      if (invitation === null || invitation.status !== 'pending') return null;
      const next = applyPatch(invitation, patch);
      if (next.tokenHash !== invitation.tokenHash && t.invitationIdByTokenHash.has(next.tokenHash)) {
        throw storeConflict('token_hash');
      }
      writeInvitation(t, next, invitation);
      return next;
    },

    claimInvitation: (tokenHash, acceptedAt) => {
      const invitation = byTokenHash(tokenHash);
      if (invitation === null || invitation.status !== 'pending') return null;
      const next: InvitationRecord = { ...invitation, status: 'accepted', acceptedAt, updatedAt: acceptedAt };
      writeInvitation(t, next, invitation);
      return next;
    },

    listInvitations: (query) => {
      const rows = t.invitationsOfOrganization
        .get(query.organizationId)
        .map((id) => t.invitations.get(id)!)
        .filter((invitation) => query.status === undefined || statusAt(invitation, query.now) === query.status);
      return keysetPage(rows, (invitation) => invitation, {
        descending: true,
        after: query.after,
        limit: query.limit,
      });
    },
  };
}
