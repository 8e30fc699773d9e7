import type { MailRecord } from '../records.js';
import type { StoreMethodGroups } from '../store.js';
import { duplicateId, missingReference } from '../store-errors.js';
import { compareKeyset, keysetPage } from './keyset-order.js';
import type { MemoryTables } from './memory-tables.js';
import { applyPatch } from './patch.js';
import type { SyncMethods } from './sync-methods.js';

export function removeMail(t: MemoryTables, mail: MailRecord): void {
  t.mail.delete(mail.id);
  if (mail.organizationId !== null) t.mailOfOrganization.remove(mail.organizationId, mail.id);
  if (mail.invitationId !== null) t.mailOfInvitation.remove(mail.invitationId, mail.id);
  if (mail.userId !== null) t.mailOfUser.remove(mail.userId, mail.id);
}

/** What the SQL schema's checks and foreign keys refuse: a mail tied to the wrong things. */
function checkMailReferences(t: MemoryTables, mail: MailRecord): void {
  if (mail.kind === 'invitation') {
    const invitation = mail.invitationId === null ? undefined : t.invitations.get(mail.invitationId);
    if (invitation === undefined || invitation.organizationId !== mail.organizationId || mail.userId !== null) {
      throw missingReference('invitation');
    }
  } else if (mail.userId === null || !t.users.has(mail.userId) || mail.invitationId !== null) {
    throw missingReference('user');
  } else if (mail.organizationId !== null) {
    throw missingReference('organization');
  }
}

/** The audit trail and the mail outbox: the two append-mostly logs. */
export function outboxMethods(t: MemoryTables): SyncMethods<StoreMethodGroups['auditAndMail']> {
  return {
    insertAuditEvents: (events) => {
      for (const event of events) {
        if (t.auditEvents.has(event.id)) throw duplicateId('audit event');
        if (!t.organizations.has(event.organizationId)) throw missingReference('organization');
        t.auditEvents.set(event.id, event);
        t.auditEventsOfOrganization.add(event.organizationId, event.id);
      }
    },

    listAuditEvents: (query) =>
      keysetPage(
        t.auditEventsOfOrganization.get(query.organizationId).map((id) => t.auditEvents.get(id)!),
        (event) => event,
        { descending: true, after: query.after, limit: query.limit },
      ),

    insertMail: (mail) => {
      if (t.mail.has(mail.id)) throw duplicateId('mail');
      checkMailReferences(t, mail);
      t.mail.set(mail.id, mail);
      if (mail.organizationId !== null) t.mailOfOrganization.add(mail.organizationId, mail.id);
      if (mail.invitationId !== null) t.mailOfInvitation.add(mail.invitationId, mail.id);
      if (mail.userId !== null) t.mailOfUser.add(mail.userId, mail.id);
    },

    getMail: (mailId) => t.mail.get(mailId) ?? null,

    listPendingMail: (limit, now) => {
      // A scan: the outbox holds only what has not been delivered yet, in practice a handful of rows.
      const pending = [...t.mail.values()].filter(
        (mail) =>
          mail.status === 'pending' &&
          (now === undefined || mail.claimedUntil === null || mail.claimedUntil.getTime() <= now.getTime()),
      );
      return pending.sort(compareKeyset).slice(0, Math.max(0, limit));
    },

    claimMail: (mailId, attempts, at, until) => {
      const mail = t.mail.get(mailId);
      if (mail === undefined || mail.status !== 'pending' || mail.attempts !== attempts) return null;
      const next: MailRecord = { ...mail, attempts: attempts + 1, updatedAt: at, claimedUntil: until ?? null };
      t.mail.set(mailId, next);
      return next;
    },

    updateMail: (mailId, patch) => {
      const mail = t.mail.get(mailId);
      if (mail === undefined) return null;
      const next = applyPatch(mail, patch);
      t.mail.set(mailId, next);
      return next;
    },

    cancelPendingMail: (of, at) => {
      let cancelled = 0;
      const mailIds = 'invitationId' in of ? t.mailOfInvitation.get(of.invitationId) : t.mailOfUser.get(of.userId);
      for (const mailId of mailIds) {
        const mail = t.mail.get(mailId)!;
        if (mail.status !== 'pending' || ('kind' in of && mail.kind !== of.kind)) continue;
        t.mail.set(mailId, { ...mail, status: 'cancelled', updatedAt: at });
        cancelled += 1;
      }
      return cancelled;
    },
  };
}
