/**
 * `deliverPendingMail()` run by two processes at once on one database (one
 * SQLite file; one Postgres schema when ORGKIT_TEST_POSTGRES_URL is set):
 * each attempt at a mail is claimed by one process only, so no attempt is
 * sent twice, and with a transport that fails now and then every mail still
 * goes exactly once. Each worker (fixtures/delivery-worker.ts) reports every
 * send its mailer saw; the outbox's attempt counts must match them.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgkit } from '../../src/index.js';
import type { Store } from '../../src/store/store.js';
import { MemoryMailer } from '../../src/testing/memory-mailer.js';
import type { DeliveryResult, DeliveryTask } from './fixtures/delivery-worker.js';
import { SHARED_DATABASES } from './support/shared-databases.js';
import { WorkerProcess } from './support/worker-process.js';

const script = fileURLToPath(new URL('./fixtures/delivery-worker.ts', import.meta.url));
const INVITATIONS = 24;

for (const makeDatabase of SHARED_DATABASES) {
  const database = makeDatabase();
  describe(`two processes delivering mail: ${database.name}`, () => {
    let store: Store;
    const workers: Array<WorkerProcess<DeliveryTask, DeliveryResult>> = [];

    beforeAll(async () => {
      store = database.open();
      await store.migrate();
      for (let index = 0; index < 2; index += 1) workers.push(new WorkerProcess(script, database.workerArgs));
      await Promise.all(workers.map((worker) => worker.ready()));
    }, 120_000);

    afterAll(async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await store.close();
      await database.cleanup();
    });

    /** Pending mail of every kind, each with one failed attempt behind it. */
    async function pendingMail(): Promise<Map<string, number>> {
      const mailer = new MemoryMailer();
      const orgkit = createOrgkit({
        store,
        mailer,
        acceptUrl: (token) => `https://x.test/${token}`,
        confirmEmailUrl: (token) => `https://x.test/confirm/${token}`,
        log: () => undefined,
      });
      const stamp = `${process.pid}.${Date.now()}`;
      const { organization, owner } = await orgkit.organizations.create({
        name: 'Outbox',
        owner: { email: `owner.${stamp}@example.test`, fullName: 'Owner' },
      });
      const actor = { userId: owner.userId, organizationId: organization.id };
      mailer.failNext(INVITATIONS + 1);
      for (let index = 0; index < INVITATIONS; index += 1) {
        await orgkit.invitations.create(actor, { email: `invitee.${index}.${stamp}@example.test`, role: 'user' });
      }
      await orgkit.members.update(actor, owner.userId, { email: `moved.${stamp}@example.test` });
      const pending = await store.listPendingMail(1_000);
      expect(pending).toHaveLength(INVITATIONS + 1);
      return new Map(pending.map((mail) => [mail.id, mail.attempts]));
    }

    /** Both workers deliver at once, round after round, until nothing is pending. */
    async function deliverTogether(task: DeliveryTask): Promise<DeliveryResult['sends']> {
      const sends: DeliveryResult['sends'] = [];
      for (let round = 0; round < 40 && (await store.listPendingMail(1)).length > 0; round += 1) {
        const results = await Promise.all(workers.map((worker) => worker.run(task)));
        for (const result of results) sends.push(...result.sends);
      }
      expect(await store.listPendingMail(1)).toEqual([]);
      return sends;
    }

    async function expectEachAttemptSentOnce(before: Map<string, number>, sends: DeliveryResult['sends']) {
      for (const [id, attemptsBefore] of before) {
        const ofMail = sends.filter((send) => send.id === id);
        expect(
          ofMail.filter((send) => send.ok),
          `mail ${id} delivered`,
        ).toHaveLength(1);
        // Two processes sending one claimed attempt would make more sends than claims.
        const row = await store.getMail(id);
        expect(row).toMatchObject({ status: 'sent', attempts: attemptsBefore + ofMail.length });
      }
    }

    it('sends each pending mail once when both deliver at the same moment', async () => {
      const before = await pendingMail();
      const sends = await deliverTogether({ failRate: 0, delayMs: 3 });
      expect(sends).toHaveLength(before.size);
      await expectEachAttemptSentOnce(before, sends);
    }, 60_000);

    it('with a transport that fails a third of the time, sends each attempt once and each mail once', async () => {
      const before = await pendingMail();
      const sends = await deliverTogether({ failRate: 0.35, delayMs: 2 });
      expect(sends.length).toBeGreaterThan(before.size);
      await expectEachAttemptSentOnce(before, sends);
    }, 60_000);
  });
}
