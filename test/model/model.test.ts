/**
 * Model-based test: random sequences of public calls, by random actors
 * (owners, admins, users, disabled members, non-members, members of other
 * organizations), on every store, each compared with a small independent
 * model of the rules (model.ts, rules.ts) and followed by the invariants
 * (invariants.ts). On memory and SQLite a second test runs calls two at a
 * time, in an order fast-check's scheduler picks, and accepts the result of
 * either serial order.
 *
 * `npm test` runs a few dozen sequences per store; `npm run test:deep`
 * (ORGKIT_DEEP=1) runs thousands. A failure prints fast-check's seed, path
 * and replay path; replay it with
 *
 *   ORGKIT_FC_SEED=<seed> ORGKIT_FC_PATH=<path> ORGKIT_FC_REPLAY_PATH=<replayPath> \
 *     ORGKIT_TEST_STORES=<store> npx vitest run test/model
 *
 * adding ORGKIT_DEEP=1 if the failure came from a deep run (it draws longer
 * sequences). ORGKIT_FC_RUNS=<n> sets the number of sequences directly.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { STORES } from '../support/stores.js';
import { emptyModel, type Model } from './model.js';
import { newReal } from './real.js';
import { setupOps, specArbitrary } from './specs.js';
import { PairCommand, runStep, StepCommand, type World } from './steps.js';

const env = process.env;
const DEEP = env.ORGKIT_DEEP === '1';
const replay = {
  ...(env.ORGKIT_FC_SEED ? { seed: Number(env.ORGKIT_FC_SEED) } : {}),
  ...(env.ORGKIT_FC_PATH ? { path: env.ORGKIT_FC_PATH } : {}),
};
const replayPath = env.ORGKIT_FC_REPLAY_PATH || undefined;
/** Sequences per store and test; a real server costs more per call than memory. */
function runs(store: string): number {
  if (env.ORGKIT_FC_RUNS) return Number(env.ORGKIT_FC_RUNS);
  if (DEEP) return store === 'memory' ? 3000 : store.startsWith('sqlite') ? 1500 : 300;
  return store === 'memory' ? 40 : store.startsWith('sqlite') ? 15 : 6;
}
const INTERLEAVED = new Set(['memory', 'sqlite-memory', 'sqlite-file']);

let runCounter = 0;

/** A fresh world on the shared store: its own addresses and organizations, set up through the API. */
async function setup(h: Harness, scheduler?: fc.Scheduler): Promise<{ model: Model; real: World }> {
  runCounter += 1;
  const run = `r${process.pid}x${runCounter}`;
  const emails = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((name) => `${name}.${run}@example.test`);
  const model = emptyModel(h.now().getTime(), emails);
  const world: World = { real: newReal(h, run), before: { orgs: [] }, ...(scheduler ? { scheduler } : {}) };
  const ops = setupOps(model);
  for (const [i, op] of ops.entries()) await runStep(model, world, op, i === ops.length - 1);
  return { model, real: world };
}

const commands = fc.commands([specArbitrary.map((spec) => new StepCommand(spec))], {
  maxCommands: DEEP ? 60 : 30,
  size: 'max',
  ...(replayPath ? { replayPath } : {}),
});
const interleaved = fc.commands(
  [
    specArbitrary.map((spec) => new StepCommand(spec)),
    fc.tuple(specArbitrary, specArbitrary).map(([a, b]) => new PairCommand(a, b)),
  ],
  { maxCommands: DEEP ? 40 : 20, size: 'max', ...(replayPath ? { replayPath } : {}) },
);

for (const factory of STORES) {
  describe(`model-based: ${factory.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(factory, { log: () => undefined });
    });
    afterAll(() => h?.close());
    const timeout = DEEP ? 3_600_000 : 120_000;

    it('agrees with the model after every call', { timeout }, async () => {
      await fc.assert(
        fc.asyncProperty(commands, async (cmds) => {
          const { model, real } = await setup(h);
          await fc.asyncModelRun(() => ({ model, real }), cmds);
        }),
        { numRuns: runs(factory.name), ...replay },
      );
    });

    if (INTERLEAVED.has(factory.name)) {
      it('agrees with some serial order when calls run two at a time', { timeout }, async () => {
        await fc.assert(
          fc.asyncProperty(fc.scheduler(), interleaved, async (scheduler, cmds) => {
            const { model, real } = await setup(h, scheduler);
            await fc.scheduledModelRun(scheduler, () => ({ model, real }), cmds);
          }),
          { numRuns: Math.ceil(runs(factory.name) / 2), ...replay },
        );
      });
    }
  });
}
