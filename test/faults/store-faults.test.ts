/**
 * Fault injection: for every service call, every store call it makes is
 * failed in turn, on every store. A fault before the call's transaction
 * commits fails the call with that error and leaves the store exactly as it
 * was, and the call then succeeds when retried, with the effect of a clean
 * run. (`commit`, the moment before a transaction commits, is one of the
 * store calls.) A fault after commit (while sending the call's mail) fails nothing:
 * it goes to `log`, the mail stays pending, and `deliverPendingMail()`
 * sends it. No mail is ever lost or marked sent unsent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { type FaultyStore, faultyStore, type StoreCall } from '../../src/testing/faulty-store.js';
import { STORES } from '../support/stores.js';
import { FAULT_CASES, type FaultCase } from './support/fault-cases.js';
import { seedWorld, type World } from './support/fault-world.js';
import { insertedMailIds, leftovers, normalized, observe } from './support/observe.js';

type Outcome = { ok: true } | { ok: false; error: unknown };

const settled = (promise: Promise<unknown>): Promise<Outcome> =>
  promise.then(
    () => ({ ok: true }),
    (error: unknown) => ({ ok: false, error }),
  );

/**
 * Delivers every pending mail. A failed attempt is retried by the next run;
 * one whose outcome could not be written is held by its claim's lease (two
 * minutes at the default timeout), so the clock moves past it.
 */
async function drainOutbox(real: Store, world: World): Promise<void> {
  for (let run = 0; run < 5; run += 1) {
    const { sent, failed, cancelled } = await world.orgkit.deliverPendingMail();
    if ((await real.listPendingMail(1)).length === 0) return;
    if (sent + failed + cancelled === 0) world.advance(2 * 60_000);
  }
  throw new Error('the outbox did not drain in 5 runs');
}

/**
 * The state a call leaves once its mail is out, blind to how many attempts
 * that took (a retried invitation mail also mints a new link: an
 * `invitation.resent` by no one, and a new `updatedAt`). Checks on the way that the outbox agrees
 * with the mailer: nothing left pending, and a mail is `sent` exactly when
 * the mailer has it.
 */
async function effect(real: Store, world: World, mailIds: Iterable<string>) {
  const observed = await observe(real, world, mailIds);
  const delivered = new Set(world.mailer.sent.map((mail) => mail.id));
  expect(observed.pending).toEqual([]);
  for (const mail of observed.mails) {
    if (mail !== null) expect(mail.status === 'sent', `mail ${mail.kind} sent?`).toBe(delivered.has(mail.id));
  }
  return normalized(world, {
    ...observed,
    organizations: observed.organizations.map(({ audit, invitations, ...rest }) => ({
      ...rest,
      invitations: invitations.map(({ updatedAt: _, ...invitation }) => invitation),
      audit: audit.filter((event) => !(event.action === 'invitation.resent' && event.actorId === null)),
    })),
    mails: observed.mails.map((mail) => mail && { kind: mail.kind, to: mail.to, status: mail.status }),
  });
}

for (const factory of STORES) {
  describe(`store faults: ${factory.name}`, () => {
    let real: Store;
    let store: FaultyStore;
    beforeAll(async () => {
      real = await factory.create();
      store = faultyStore(real);
    });
    afterAll(() => factory.destroy(real));

    async function freshWorld(fault: FaultCase): Promise<World> {
      store.heal();
      const world = await seedWorld(real, store);
      await fault.arrange?.(world);
      return world;
    }

    for (const fault of FAULT_CASES) {
      it(`${fault.name}: each failed store call`, async () => {
        const clean = await freshWorld(fault);
        // Every seeded value has a name, so each fresh world looks exactly like this one.
        const before = normalized(clean, await observe(real, clean));
        store.reset();
        await fault.act(clean);
        const path = [...store.calls];
        // The last call in the call's own transaction; a read has none, and every call of it counts.
        const commit = path.findLast((call) => call.transaction === 1)?.index ?? path.length;
        const cleanMails = insertedMailIds(path);
        await drainOutbox(real, clean);
        const cleanEffect = await effect(real, clean, cleanMails);
        expect(path.length).toBeGreaterThan(0);

        for (let n = 1; n <= path.length; n += 1) {
          const at = `fault at call ${n} of ${path.length} (${path[n - 1]?.method})`;
          const world = await freshWorld(fault);

          store.failAt(n);
          const outcome = await settled(fault.act(world));
          store.heal();
          const faulted: StoreCall[] = [...store.calls];
          expect(
            faulted.map((call) => call.method),
            at,
          ).toEqual(path.slice(0, faulted.length).map((c) => c.method));

          let mails: string[];
          if (n <= commit) {
            expect(outcome.ok, at).toBe(false);
            expect(store.isInjected(!outcome.ok && outcome.error), at).toBe(true);
            expect(normalized(world, await observe(real, world)), at).toEqual(before);
            expect(await leftovers(real, faulted), at).toEqual([]);
            expect(world.events, `${at}: events of a rolled-back change`).toEqual([]);
            store.reset();
            await fault.act(world);
            expect(store.calls.length, `${at}: the retry's calls`).toBe(path.length);
            mails = insertedMailIds(store.calls);
          } else {
            expect(outcome, at).toEqual({ ok: true });
            expect(
              world.logs.some((event) => store.isInjected(event.error)),
              `${at}: logged`,
            ).toBe(true);
            mails = insertedMailIds(faulted);
          }
          await drainOutbox(real, world);
          expect(await effect(real, world, mails), at).toEqual(cleanEffect);
          const twice = world.mailer.sent.length - new Set(world.mailer.sent.map((mail) => mail.id)).size;
          // At least once: only a mail sent but not recorded as sent goes again.
          const sentUnrecorded = path[n - 1]?.method === 'updateMail' && n > commit;
          expect(twice, `${at}: mails sent twice`).toBe(sentUnrecorded ? 1 : 0);
        }
      });
    }
  });
}
