/**
 * Races between Node processes on one database: one SQLite file, and one
 * Postgres schema when ORGKIT_TEST_POSTGRES_URL is set. Each worker process
 * runs its own orgkit (fixtures/race-worker.ts); the test hands every worker
 * its task at the same moment, then checks the invariants with a store of
 * its own.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createOrgkit, type Orgkit } from '../../src/index.js';
import type { Store } from '../../src/store/store.js';
import { MemoryMailer } from '../../src/testing/memory-mailer.js';
import type { RaceResult, RaceTask } from './fixtures/race-worker.js';
import { SHARED_DATABASES } from './support/shared-databases.js';
import { WorkerProcess } from './support/worker-process.js';

const WORKERS = 4;
const script = fileURLToPath(new URL('./fixtures/race-worker.ts', import.meta.url));

/** A worker process answering one result line per task line. */
class Worker extends WorkerProcess<RaceTask, RaceResult> {
  constructor(args: string[]) {
    super(script, args);
  }
}

let emailCounter = 0;
function email(label: string): string {
  emailCounter += 1;
  return `${label}.${process.pid}.${Date.now()}.${emailCounter}@example.test`;
}

for (const makeDatabase of SHARED_DATABASES) {
  const database = makeDatabase();
  describe(`multi-process races: ${database.name}`, () => {
    let store: Store;
    let orgkit: Orgkit;
    const mailer = new MemoryMailer();
    const workers: Worker[] = [];

    beforeAll(async () => {
      store = database.open();
      await store.migrate();
      orgkit = createOrgkit({
        store,
        mailer,
        acceptUrl: (token) => `https://x.test/${token}`,
        confirmEmailUrl: (token) => `https://x.test/confirm/${token}`,
      });
      for (let index = 0; index < WORKERS; index += 1) workers.push(new Worker(database.workerArgs));
      await Promise.all(workers.map((worker) => worker.ready()));
    }, 120_000);

    afterAll(async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await store.close();
      await database.cleanup();
    });

    /** Every worker gets its task at once; answers the results in worker order. */
    function race(tasks: RaceTask[]): Promise<RaceResult[]> {
      return Promise.all(tasks.map((task, index) => (workers[index] as Worker).run(task)));
    }

    async function newOrganization(): Promise<{ owner: Actor }> {
      const { organization, owner } = await orgkit.organizations.create({
        name: 'Raced',
        owner: { email: email('owner'), fullName: 'First Owner' },
      });
      return { owner: { userId: owner.userId, organizationId: organization.id } };
    }

    async function addOwner(inviter: Actor): Promise<Actor> {
      const address = email('co-owner');
      await orgkit.invitations.create(inviter, { email: address, role: 'owner' });
      const { member } = await orgkit.invitations.accept({ token: mailer.tokenFor(address) as string, fullName: 'Co' });
      return { userId: member.userId, organizationId: member.organizationId };
    }

    it('one invitation accepted by every worker at once: one membership, the rest INVITATION_INVALID', async () => {
      const { owner } = await newOrganization();
      const invitee = email('invitee');
      await orgkit.invitations.create(owner, { email: invitee, role: 'user' });
      const token = mailer.tokenFor(invitee) as string;

      const results = await race(workers.map(() => ({ op: 'accept', token })));

      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.code)).toEqual(
        Array(WORKERS - 1).fill('INVITATION_INVALID'),
      );
      const members = await orgkit.members.list(owner, {});
      expect(members.items.filter((member) => member.email === invitee)).toHaveLength(1);
    });

    it('every worker inviting one email at once: one invitation, the rest CONFLICT', async () => {
      const { owner } = await newOrganization();
      const invitee = email('contested');

      const results = await race(workers.map(() => ({ op: 'invite', actor: owner, email: invitee })));

      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.code)).toEqual(
        Array(WORKERS - 1).fill('CONFLICT'),
      );
      const pending = await orgkit.invitations.list(owner, { status: 'pending' });
      expect(pending.items.filter((invitation) => invitation.email === invitee)).toHaveLength(1);
    });

    for (const op of ['demote', 'disable', 'remove'] as const) {
      it(`two owners who ${op} each other at once keep one active owner (5 rounds)`, async () => {
        for (let round = 0; round < 5; round += 1) {
          const { owner } = await newOrganization();
          const second = await addOwner(owner);

          const results = await race([
            { op, actor: owner, userId: second.userId },
            { op, actor: second, userId: owner.userId },
          ]);

          expect(await store.countActiveOwners(owner.organizationId)).toBe(1);
          const refused = results.filter((result) => !result.ok);
          expect(refused).toHaveLength(1);
          expect(['LAST_OWNER', 'FORBIDDEN', 'UNAUTHENTICATED']).toContain(!refused[0]?.ok && refused[0]?.code);
        }
      });
    }
  });
}
