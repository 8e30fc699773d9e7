/**
 * A store that fails on purpose: wraps a real store and throws a
 * `STORE_FAILURE` from the store calls `shouldFail` picks, counting every
 * call, on the store and on each transaction's `tx`, in the order made.
 */
import { OrgkitError } from '../../src/errors.js';
import type { Store, StoreTx } from '../../src/store/store.js';

export interface StoreCall {
  /** 1 for the first call through this wrapper. */
  index: number;
  method: string;
  /** Whether the call was made on a transaction's `tx`. */
  inTransaction: boolean;
}

export interface FaultyStore extends Store {
  /** Every call so far, failed or not. */
  readonly calls: readonly StoreCall[];
  /** Replaces the rule that picks which calls fail; `() => false` heals the store. */
  failWhen(shouldFail: (call: StoreCall) => boolean): void;
}

const PASS_THROUGH = new Set(['transaction', 'migrate', 'close']);

export function faultyStore(store: Store, shouldFail: (call: StoreCall) => boolean = () => false): FaultyStore {
  const calls: StoreCall[] = [];
  let rule = shouldFail;

  function wrap<T extends object>(target: T, inTransaction: boolean): T {
    const wrapped: Record<string, unknown> = {};
    for (const [method, value] of Object.entries(target)) {
      if (typeof value !== 'function' || PASS_THROUGH.has(method)) continue;
      wrapped[method] = async (...args: unknown[]) => {
        const call = { index: calls.length + 1, method, inTransaction };
        calls.push(call);
        if (rule(call)) {
          throw new OrgkitError({ code: 'STORE_FAILURE', message: `Injected fault at store call ${call.index}.` });
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    }
    return wrapped as T;
  }

  return {
    ...wrap(store as StoreTx, false),
    transaction: (fn) => store.transaction((tx) => fn(wrap(tx, true))),
    migrate: () => store.migrate(),
    close: () => store.close(),
    calls,
    failWhen(next) {
      rule = next;
    },
  };
}
