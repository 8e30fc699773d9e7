import { OrgkitError } from '../errors.js';
import type { Store, StoreTx } from '../store/store.js';

/** One call made through a {@link FaultyStore}. */
export interface StoreCall {
  /** 1 for the first call since the store was wrapped or last `reset()`. */
  readonly index: number;
  /**
   * The Store method called, or `commit`: the end of a transaction's `fn`,
   * just before the store commits. Failing that rolls the transaction back,
   * as a failed `COMMIT` does.
   */
  readonly method: keyof StoreTx | 'commit';
  /** The arguments as passed (not copied): which rows a call meant to write. */
  readonly args: readonly unknown[];
  /**
   * The transaction the call was made in: 1 for the first `transaction(…)`
   * begun since the store was wrapped or last `reset()`; `null` for a call on
   * the store itself. A store that runs `fn` again (after a serialization
   * failure) counts each run as a transaction of its own.
   */
  readonly transaction: number | null;
}

/** A store whose calls are recorded, and fail on demand. */
export interface FaultyStore extends Store {
  /** Every call since the store was wrapped or last `reset()`, failed or not, in the order made. */
  readonly calls: readonly StoreCall[];
  /** Forgets the calls so far: the next call is number 1 again, as is the next transaction. */
  reset(): void;
  /** Forgets the calls so far, then fails the `n`-th call from now (1 = the next one), once. */
  failAt(n: number): void;
  /** Fails every call `rule` picks, until told otherwise. */
  failWhen(rule: (call: StoreCall) => boolean): void;
  /** No call fails any more. */
  heal(): void;
  /** Whether `error` is one this store threw on purpose. */
  isInjected(error: unknown): boolean;
}

/** How a {@link FaultyStore} fails. */
export interface FaultyStoreOptions {
  /** What a failing call throws. Default: an `OrgkitError` `STORE_FAILURE`, as a store reports a failed query. */
  error?: (call: StoreCall) => unknown;
}

/**
 * Every method of the Store contract, at run time (types vanish). The check
 * below makes leaving one out a compile error, so no method escapes the
 * wrapper when the contract grows.
 */
const METHODS = [
  'getUser',
  'findUserByEmail',
  'ensureUser',
  'updateUser',
  'countMembershipsOfUser',
  'lockUser',
  'findUserByPendingEmailTokenHash',
  'confirmPendingEmail',
  'insertOrganization',
  'getOrganization',
  'updateOrganization',
  'deleteOrganization',
  'lockOrganization',
  'listMembershipsOfUser',
  'getAccess',
  'insertMembership',
  'getMember',
  'listMembers',
  'updateMembership',
  'deleteMembership',
  'countActiveOwners',
  'insertProject',
  'getProject',
  'listProjects',
  'existingProjectIds',
  'updateProject',
  'deleteProject',
  'assignProject',
  'unassignProject',
  'insertInvitation',
  'getInvitation',
  'findPendingInvitation',
  'findInvitationByTokenHash',
  'updatePendingInvitation',
  'claimInvitation',
  'listInvitations',
  'insertAuditEvents',
  'listAuditEvents',
  'insertMail',
  'getMail',
  'listPendingMail',
  'claimMail',
  'updateMail',
  'cancelPendingMail',
] as const satisfies ReadonlyArray<keyof StoreTx>;
type Unlisted = Exclude<keyof StoreTx, (typeof METHODS)[number]>;
const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyMethodListed;

/**
 * Wraps a store to record every call, on the store and on each
 * transaction's `tx`, and to make the calls you pick throw: for testing what
 * a failure at each point leaves behind. A failing call throws before it
 * reaches the store, so inside a transaction the store sees `fn` throw and
 * rolls back, as it would for a failed query.
 *
 * ```ts
 * import { faultyStore } from 'orgkit/testing';
 *
 * const store = faultyStore(sqliteStore({ database: ':memory:' }));
 * const orgkit = createOrgkit({ store, mailer, acceptUrl, confirmEmailUrl });
 * store.reset();
 * await orgkit.projects.create(actor, { name: 'Bots' });
 * for (let n = 1; n <= store.calls.length; n += 1) { … store.failAt(n) … }
 * ```
 *
 * Each transaction also records a `commit` call once its `fn` resolved;
 * `transaction`, `migrate` and `close` themselves pass through unrecorded.
 */
export function faultyStore(store: Store, options: FaultyStoreOptions = {}): FaultyStore {
  const calls: StoreCall[] = [];
  let transactions = 0;
  let rule: (call: StoreCall) => boolean = () => false;
  const injected = new WeakSet<object>();
  const makeError =
    options.error ??
    ((call: StoreCall) =>
      new OrgkitError({
        code: 'STORE_FAILURE',
        message: `Injected fault at store call ${call.index} (${call.method}).`,
      }));

  /** Records a call, and throws if the rule picks it. */
  function enter(method: StoreCall['method'], args: unknown[], transaction: number | null): void {
    const call: StoreCall = { index: calls.length + 1, method, args, transaction };
    calls.push(call);
    if (!rule(call)) return;
    const error = makeError(call);
    if (typeof error === 'object' && error !== null) injected.add(error);
    throw error;
  }

  function wrap(target: StoreTx, transaction: number | null): StoreTx {
    const wrapped: Record<string, unknown> = {};
    for (const method of METHODS) {
      wrapped[method] = async (...args: unknown[]) => {
        enter(method, args, transaction);
        return (target[method] as (...a: unknown[]) => unknown).apply(target, args);
      };
    }
    return wrapped as unknown as StoreTx;
  }

  const reset = () => {
    calls.length = 0;
    transactions = 0;
  };

  return {
    ...wrap(store, null),
    transaction: (fn) =>
      store.transaction(async (tx) => {
        transactions += 1;
        const transaction = transactions;
        const value = await fn(wrap(tx, transaction));
        enter('commit', [], transaction);
        return value;
      }),
    migrate: () => store.migrate(),
    close: () => store.close(),
    calls,
    reset,
    failAt(n) {
      if (!Number.isSafeInteger(n) || n < 1)
        throw new RangeError(`faultyStore: failAt needs a call number ≥ 1, not ${n}.`);
      reset();
      rule = (call) => call.index === n;
    },
    failWhen(next) {
      rule = next;
    },
    heal() {
      rule = () => false;
    },
    isInjected: (error) => typeof error === 'object' && error !== null && injected.has(error),
  };
}
