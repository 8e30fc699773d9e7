import { describe, expect, it } from 'vitest';
import { newId } from '../../services/ids.js';
import type { MailRecord } from '../../store/records.js';
import type { AuditQuery } from '../../store/store.js';
import { aMail, anAuditEvent, aTime } from '../fixtures.js';
import {
  byCreatedThenId,
  ids,
  missingId,
  outOfOrder,
  type StoreSource,
  seedInvitation,
  seedOrganization,
  sortedIds,
} from './support.js';

export function describeAuditAndMail(store: StoreSource): void {
  describe('audit events', () => {
    it('insertAuditEvents stores a batch; listAuditEvents answers it newest first, ties by id descending', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const events = [
        anAuditEvent({
          organizationId: organization.id,
          actorId: newId(),
          action: 'organization.created',
          targetType: 'organization',
          targetId: organization.id,
          changes: {
            name: { before: null, after: 'Acme' },
            settings: { before: {}, after: { sso: true, seats: [1, 2] } },
          },
          createdAt: aTime(1),
        }),
        ...outOfOrder(sortedIds(3)).map((id) =>
          anAuditEvent({ organizationId: organization.id, id, createdAt: aTime(2) }),
        ),
        anAuditEvent({ organizationId: organization.id, actorId: null, targetType: 'invitation', createdAt: aTime(3) }),
      ];
      await store().insertAuditEvents(events);
      await store().insertAuditEvents([anAuditEvent({ organizationId: other.id, createdAt: aTime(2) })]);

      const listed = await store().listAuditEvents({ organizationId: organization.id, limit: 50 });

      expect(listed).toEqual([...events].sort(byCreatedThenId((event) => event.id)).reverse());
      expect(await store().listAuditEvents({ organizationId: missingId(), limit: 50 })).toEqual([]);
    });

    it('insertAuditEvents with no events does nothing', async () => {
      const organization = await seedOrganization(store());

      await store().insertAuditEvents([]);

      expect(await store().listAuditEvents({ organizationId: organization.id, limit: 50 })).toEqual([]);
    });

    it('pages with a keyset across ties, without skipping or repeating', async () => {
      const organization = await seedOrganization(store());
      const events = outOfOrder(sortedIds(5)).map((id, index) =>
        anAuditEvent({ organizationId: organization.id, id, createdAt: aTime(index % 2) }),
      );
      await store().insertAuditEvents(events);
      const expected = ids([...events].sort(byCreatedThenId((event) => event.id)).reverse());

      const pages: string[][] = [];
      let after: AuditQuery['after'];
      for (let page = 0; page < 10; page += 1) {
        const rows = await store().listAuditEvents({
          organizationId: organization.id,
          limit: 2,
          ...(after ? { after } : {}),
        });
        if (rows.length === 0) break;
        pages.push(ids(rows));
        after = { createdAt: rows.at(-1)!.createdAt, id: rows.at(-1)!.id };
      }

      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual(expected);
    });
  });

  describe('mail outbox', () => {
    async function seedOutbox() {
      const organization = await seedOrganization(store());
      const invitation = await seedInvitation(store(), organization.id);
      const insert = async (overrides: Partial<MailRecord> = {}) => {
        const mail = aMail({ organizationId: organization.id, invitationId: invitation.id, ...overrides });
        await store().insertMail(mail);
        return mail;
      };
      return { organization, invitation, insert };
    }

    it('insertMail stores the mail; getMail reads it', async () => {
      const { insert } = await seedOutbox();
      const mail = await insert({ createdAt: aTime(12), updatedAt: aTime(34) });

      expect(await store().getMail(mail.id)).toEqual(mail);
      expect(await store().getMail(missingId())).toBeNull();
    });

    it('listPendingMail answers pending mail of every organization, oldest first, up to limit', async () => {
      const first = await seedOutbox();
      const second = await seedOutbox();
      const newest = await first.insert({ createdAt: aTime(300) });
      const oldest = await second.insert({ createdAt: aTime(100) });
      const middle = await first.insert({ createdAt: aTime(200) });
      await first.insert({ status: 'sent', sentAt: aTime(50), createdAt: aTime(50) });
      await second.insert({ status: 'cancelled', createdAt: aTime(60) });

      expect(await store().listPendingMail(10)).toEqual([oldest, middle, newest]);
      expect(ids(await store().listPendingMail(2))).toEqual([oldest.id, middle.id]);
    });

    it('claimMail counts one attempt when the attempt count matches', async () => {
      const { insert } = await seedOutbox();
      const mail = await insert({ attempts: 2 });

      const claimed = await store().claimMail(mail.id, 2, aTime(5_000));

      expect(claimed).toEqual({ ...mail, attempts: 3, updatedAt: aTime(5_000) });
      expect(await store().getMail(mail.id)).toEqual(claimed);
    });

    it('claimMail with `until` holds the mail until then; listPendingMail(limit, now) leaves held mail out', async () => {
      const { insert } = await seedOutbox();
      const free = await insert({ createdAt: aTime(10) });
      const held = await insert({ createdAt: aTime(20) });
      const inserted = await insert({ createdAt: aTime(30), attempts: 1, claimedUntil: aTime(2_000) });

      const claimed = await store().claimMail(held.id, 0, aTime(100), aTime(1_000));

      expect(claimed).toEqual({ ...held, attempts: 1, updatedAt: aTime(100), claimedUntil: aTime(1_000) });
      expect(ids(await store().listPendingMail(10))).toEqual([free.id, held.id, inserted.id]);
      expect(ids(await store().listPendingMail(10, aTime(999)))).toEqual([free.id]);
      // A claim lapses at its instant.
      expect(ids(await store().listPendingMail(10, aTime(1_000)))).toEqual([free.id, held.id]);
      expect(ids(await store().listPendingMail(10, aTime(2_000)))).toEqual([free.id, held.id, inserted.id]);

      const released = await store().updateMail(inserted.id, { claimedUntil: null, updatedAt: aTime(500) });
      expect(released).toEqual({ ...inserted, claimedUntil: null, updatedAt: aTime(500) });
      expect(ids(await store().listPendingMail(10, aTime(999)))).toEqual([free.id, inserted.id]);
    });

    it('claimMail answers null for a stale attempt count, a mail no longer pending, or a missing mail', async () => {
      const { insert } = await seedOutbox();
      const mail = await insert({ attempts: 1 });
      const sent = await insert({ status: 'sent', attempts: 1, sentAt: aTime(1) });

      expect(await store().claimMail(mail.id, 0, aTime(1))).toBeNull();
      expect(await store().claimMail(sent.id, 1, aTime(1))).toBeNull();
      expect(await store().claimMail(missingId(), 0, aTime(1))).toBeNull();
      expect(await store().getMail(mail.id)).toEqual(mail);
      expect(await store().getMail(sent.id)).toEqual(sent);
    });

    it('updateMail changes only the fields in the patch', async () => {
      const { insert } = await seedOutbox();
      const mail = await insert();

      const failed = await store().updateMail(mail.id, { lastError: 'smtp timeout', updatedAt: aTime(1) });
      expect(failed).toEqual({ ...mail, lastError: 'smtp timeout', updatedAt: aTime(1) });

      const sent = await store().updateMail(mail.id, {
        status: 'sent',
        sentAt: aTime(2),
        lastError: null,
        updatedAt: aTime(2),
      });
      expect(sent).toEqual({ ...mail, status: 'sent', sentAt: aTime(2), lastError: null, updatedAt: aTime(2) });
      expect(await store().getMail(mail.id)).toEqual(sent);
      expect(await store().listPendingMail(10)).toEqual([]);
      expect(await store().updateMail(missingId(), { status: 'sent', updatedAt: aTime() })).toBeNull();
    });

    it("cancelPendingMail cancels only the invitation's pending mail and answers how many", async () => {
      const { insert, invitation } = await seedOutbox();
      const other = await seedOutbox();
      const pending = [await insert({ createdAt: aTime(1) }), await insert({ createdAt: aTime(2) })];
      const sent = await insert({ status: 'sent', sentAt: aTime(3) });
      const otherPending = await other.insert({ createdAt: aTime(4) });

      expect(await store().cancelPendingMail({ invitationId: invitation.id }, aTime(10))).toBe(2);

      for (const mail of pending) {
        expect(await store().getMail(mail.id)).toEqual({ ...mail, status: 'cancelled', updatedAt: aTime(10) });
      }
      expect(await store().getMail(sent.id)).toEqual(sent);
      expect(await store().listPendingMail(10)).toEqual([otherPending]);
      expect(await store().cancelPendingMail({ invitationId: invitation.id }, aTime(11))).toBe(0);
      expect(await store().cancelPendingMail({ invitationId: missingId() }, aTime(11))).toBe(0);
    });
  });
}
