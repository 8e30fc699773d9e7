/**
 * The fast-check commands: a `StepCommand` runs one call on the model and on
 * orgkit and compares them; a `PairCommand` runs two calls at once (their
 * start ordered by fast-check's scheduler) and accepts the result of either
 * serial order, outcomes and store alike. After each, the store is read back
 * and compared with the model, and the invariants are checked.
 */
import type fc from 'fast-check';
import { expect } from 'vitest';
import { type Call, checkInvariants } from './invariants.js';
import { cloneModel, type Model, type Outcome, type View, view } from './model.js';
import { describeOp, type Op } from './ops.js';
import { bind, collectTokens, execute, type Real, snapshot, tokenOf } from './real.js';
import { decide } from './rules.js';
import { resolve, type Spec } from './specs.js';

export interface World {
  real: Real;
  /** The store as it was after the previous step. */
  before: View;
  scheduler?: fc.Scheduler;
}

/**
 * Whether orgkit's answer is the model's. A user created by a call beside
 * this one may be unknown to the real side yet: both then name them `new`.
 */
function agrees(real: Real, expected: Outcome, actual: Outcome): boolean {
  if (!expected.ok || !actual.ok) return JSON.stringify(expected) === JSON.stringify(actual);
  const fresh = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.startsWith('new:') || (value.startsWith('u:') && !real.ids.has(value))
        ? 'new'
        : value
      : Array.isArray(value)
        ? value.map(fresh).sort()
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fresh(v)]))
          : value;
  return JSON.stringify(fresh(expected.value)) === JSON.stringify(fresh(actual.value));
}

/** Binds the users a call created to the keys the model gave them. */
function bindCreatedUser(real: Real, expected: Outcome, actual: Outcome): void {
  const got = actual.ok ? (actual.value as { user?: string } | undefined)?.user : undefined;
  const wanted = expected.ok ? (expected.value as { user?: string } | undefined)?.user : undefined;
  if (got?.startsWith('new:') && wanted !== undefined) bind(real, wanted, got.slice('new:'.length));
}

function present(real: Real, op: Op): { token: string | undefined; replayedToken: boolean } {
  // A preview only looks: it uses nothing up.
  const token = op.kind === 'preview' ? undefined : tokenOf(real, op);
  return { token, replayedToken: token !== undefined && real.usedTokens.has(token) };
}

/** Reads the store back, compares it with the model, and checks the invariants. */
async function verify(m: Model, w: World, calls: Call[], candidates: Model[] = [m]): Promise<void> {
  const orgKeys = new Set(candidates.flatMap((c) => c.orgs.map((o) => o.key)));
  const { view: after, trails } = await snapshot(w.real, [...orgKeys]);
  const matching = candidates.find((c) => JSON.stringify(view(c)) === JSON.stringify(after)) ?? candidates[0]!;
  expect(after, `the store after ${calls.map((c) => describeOp(c.op)).join(' ‖ ')}`).toEqual(view(matching));
  if (matching !== m) Object.assign(m, matching);
  expect(checkInvariants({ calls, before: w.before, after, trails, keys: w.real.keys })).toEqual([]);
  w.before = after;
}

/** Runs one call on both sides and compares them. */
export async function runStep(m: Model, w: World, op: Op, check = true): Promise<void> {
  const { token, replayedToken } = present(w.real, op);
  const expected = decide(m, op);
  const actual = await execute(w.real, op);
  collectTokens(w.real);
  expect(agrees(w.real, expected, actual) ? expected : actual, describeOp(op)).toEqual(expected);
  bindCreatedUser(w.real, expected, actual);
  if (actual.ok && token !== undefined) w.real.usedTokens.add(token);
  if (check) await verify(m, w, [{ op, outcome: actual, replayedToken }]);
}

export class StepCommand implements fc.AsyncCommand<Model, World> {
  private op: Op | undefined;
  constructor(readonly spec: Spec) {}
  check = () => true;
  async run(m: Model, w: World): Promise<void> {
    this.op = resolve(m, this.spec);
    if (this.op !== undefined) await runStep(m, w, this.op);
  }
  toString = () => (this.op === undefined ? `${this.spec.kind}(${this.spec.n})` : describeOp(this.op));
}

/**
 * Calls that are not one atomic step when concurrent: resends of one
 * invitation join into one; a read is two queries outside a transaction, so
 * beside a deletion of the organization or a removal it may find the actor
 * but no longer what it reads (`NOT_FOUND` or an empty list where either
 * serial order answers `UNAUTHENTICATED`; nothing of the data leaks).
 */
function serialOnly(a: Op, b: Op): boolean {
  if (a.kind === 'advance' || b.kind === 'advance') return true;
  const reads = (op: Op) => op.kind === 'read' || op.kind === 'getProject' || op.kind === 'preview';
  const removes = (op: Op) => op.kind === 'deleteOrganization' || op.kind === 'remove';
  if ((reads(a) && removes(b)) || (reads(b) && removes(a))) return true;
  return a.kind === 'resend' && b.kind === 'resend' && a.invitation === b.invitation;
}

export class PairCommand implements fc.AsyncCommand<Model, World> {
  private ops: Op[] = [];
  constructor(
    readonly first: Spec,
    readonly second: Spec,
  ) {}
  check = () => true;
  async run(m: Model, w: World): Promise<void> {
    const a = resolve(m, this.first);
    const b = resolve(m, this.second);
    this.ops = [a, b].filter((op) => op !== undefined);
    if (a === undefined || b === undefined || serialOnly(a, b) || w.scheduler === undefined) {
      for (const op of this.ops) await runStep(m, w, op);
      return;
    }
    const scheduler = w.scheduler;
    const presented = [present(w.real, a), present(w.real, b)] as const;
    const orders = [
      [0, 1],
      [1, 0],
    ].map((order) => {
      const model = cloneModel(m);
      const outcomes: Outcome[] = [];
      for (const i of order) outcomes[i] = decide(model, [a, b][i]!);
      return { model, outcomes };
    });
    // Each call waits behind a few scheduled gates; the scheduler picks which gate opens next, so one call
    // may start, or get some way, before the other. Released here: the scheduler runs one command at a time.
    const start = async (op: Op, gates: number) => {
      for (let gate = 0; gate <= gates; gate += 1) await scheduler.schedule(Promise.resolve(), describeOp(op));
      return execute(w.real, op);
    };
    const running = Promise.all([start(a, this.first.n[4] % 3), start(b, this.second.n[4] % 3)]);
    await scheduler.waitAll();
    const actual = await running;
    collectTokens(w.real);
    const fits = orders.filter((o) => o.outcomes.every((expected, i) => agrees(w.real, expected, actual[i]!)));
    if (fits.length === 0) {
      const serial = orders.map((o) => o.outcomes);
      expect(actual, `no serial order gives ${describeOp(a)} ‖ ${describeOp(b)}`).toEqual(serial);
    }
    for (const [i, outcome] of actual.entries()) {
      bindCreatedUser(w.real, fits[0]!.outcomes[i]!, outcome);
      const token = presented[i]?.token;
      if (outcome.ok && token !== undefined) w.real.usedTokens.add(token);
    }
    const sameToken = presented[0].token !== undefined && presented[0].token === presented[1].token;
    const calls = actual.map((outcome, i) => ({
      op: [a, b][i]!,
      outcome,
      replayedToken: presented[i]!.replayedToken || (sameToken && i === 1 && actual[0]!.ok),
    }));
    await verify(
      m,
      w,
      calls,
      fits.map((f) => f.model),
    );
  }
  toString = () => this.ops.map(describeOp).join(' ‖ ') || 'pair()';
}
