import { AsyncLocalStorage } from 'node:async_hooks';
import { OrgkitError } from '../../errors.js';
import type { Store, StoreTx } from '../store.js';
import { outboxMethods } from './audit-and-mail.js';
import { copy } from './copy.js';
import { invitationMethods } from './invitations.js';
import { memberMethods } from './members.js';
import { createTables, type MemoryTables } from './memory-tables.js';
import { organizationMethods } from './organizations.js';
import { projectMethods } from './projects.js';
import { SerialQueue } from './serial-queue.js';
import type { SyncMethods } from './sync-methods.js';
import { Journal, type UndoLog } from './undo-log.js';
import { userMethods } from './users.js';

type AnyMethod = (...args: unknown[]) => unknown;

/** Whether the transaction a piece of async code runs in is still open. */
interface TxScope {
  live: boolean;
}

function allMethods(t: MemoryTables): SyncMethods<keyof StoreTx> {
  return {
    ...userMethods(t),
    ...organizationMethods(t),
    ...memberMethods(t),
    ...projectMethods(t),
    ...invitationMethods(t),
    ...outboxMethods(t),
  };
}

/**
 * Runs every transaction, and every call made on the store itself, one at a
 * time: that is the whole isolation story, and it is why `lockOrganization`
 * needs no lock of its own. A failed transaction is undone from its undo log.
 */
class MemoryEngine {
  readonly #journal = new Journal();
  readonly #methods = allMethods(createTables(this.#journal));
  readonly #queue = new SerialQueue();
  readonly #scope = new AsyncLocalStorage<TxScope>();
  #closed = false;

  get methodNames(): Array<keyof StoreTx> {
    return Object.keys(this.#methods) as Array<keyof StoreTx>;
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>, caller: string): Promise<T> {
    this.#refuseReentry(caller);
    this.assertOpen();
    return this.#queue.run(async () => {
      this.assertOpen();
      const undo = this.#journal.begin();
      const scope: TxScope = { live: true };
      try {
        return await this.#scope.run(scope, () => fn(this.#bind(undo, scope)));
      } catch (error) {
        undo.rollback();
        throw error;
      } finally {
        scope.live = false;
        this.#journal.end();
      }
    });
  }

  /**
   * A call on the store itself: a transaction of one call. When nothing is
   * running or waiting, it runs at once, synchronously, which is what it
   * would do after its turn in the queue anyway; it just skips the queue.
   */
  call(name: keyof StoreTx, args: unknown[]): Promise<unknown> {
    if (!this.#queue.idle || this.#closed || this.#scope.getStore()?.live) {
      return this.transaction(async (tx) => (tx[name] as AnyMethod)(...args), name);
    }
    const undo = this.#journal.begin();
    try {
      return Promise.resolve(copy((this.#methods[name] as AnyMethod)(...copy(args))));
    } catch (error) {
      undo.rollback();
      return Promise.reject(error);
    } finally {
      this.#journal.end();
    }
  }

  async close(): Promise<void> {
    this.#refuseReentry('close');
    if (this.#closed) return;
    // Behind the queue, so transactions already started or waiting still finish.
    await this.#queue.run(async () => {
      this.#closed = true;
    });
  }

  assertOpen(): void {
    if (this.#closed) {
      throw new OrgkitError({ code: 'STORE_FAILURE', message: 'The memory store is closed.' });
    }
  }

  /**
   * The queue would make a call on the store from inside `fn` wait for `fn`
   * itself: a silent deadlock. The async context tells us we are inside.
   */
  #refuseReentry(caller: string): void {
    if (this.#scope.getStore()?.live) {
      throw new Error(
        `orgkit memory store: store.${caller}() was called inside store.transaction(fn). ` +
          'fn must use the tx it is given, not the store: the store runs one transaction at a time, ' +
          'so this call would wait for fn forever.',
      );
    }
  }

  /** The async `StoreTx` over the sync methods: copies in and out, and makes each call all-or-nothing. */
  #bind(undo: UndoLog, scope: TxScope): StoreTx {
    const tx: Record<string, AnyMethod> = {};
    for (const [name, method] of Object.entries(this.#methods) as Array<[string, AnyMethod]>) {
      tx[name] = async (...args: unknown[]) => {
        if (!scope.live) {
          throw new Error(
            `orgkit memory store: tx.${name}() was called after its transaction ended. ` +
              'A tx is valid only until the promise returned by fn settles.',
          );
        }
        // Like one SQL statement, a call that throws (a CONFLICT) leaves nothing behind,
        // even when fn catches the error and carries on.
        const mark = undo.mark();
        try {
          return copy(method(...copy(args)));
        } catch (error) {
          undo.rollbackTo(mark);
          throw error;
        }
      };
    }
    return tx as unknown as StoreTx;
  }
}

/**
 * An in-memory `Store`, for tests and demos. It keeps the whole Store
 * contract, transactions included: they run one at a time, a failed one
 * leaves no trace, and records are copied in and out.
 *
 * Inside `store.transaction(fn)`, `fn` must use its `tx`: calling the store
 * itself from there throws rather than deadlocking.
 *
 * ```ts
 * import { memoryStore } from 'orgkit/memory';
 * const orgkit = createOrgkit({ store: memoryStore(), mailer, acceptUrl });
 * ```
 */
export function memoryStore(): Store {
  const engine = new MemoryEngine();
  const topLevel: Record<string, AnyMethod> = {};
  for (const name of engine.methodNames) {
    topLevel[name] = (...args: unknown[]) => engine.call(name, args);
  }
  return Object.freeze({
    ...(topLevel as unknown as StoreTx),
    transaction: <T>(fn: (tx: StoreTx) => Promise<T>) => engine.transaction(fn, 'transaction'),
    migrate: async () => engine.assertOpen(),
    close: () => engine.close(),
  });
}
