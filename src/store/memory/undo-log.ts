/**
 * What a failed transaction must take back. Each write records how to restore
 * the value it replaced, so rolling back costs as much as the transaction
 * wrote, never a copy of the whole store.
 */
export class UndoLog {
  readonly #entries: Array<() => void> = [];

  record(undo: () => void): void {
    this.#entries.push(undo);
  }

  /** A savepoint: `rollbackTo(mark())` undoes only what was written after it. */
  mark(): number {
    return this.#entries.length;
  }

  rollbackTo(mark: number): void {
    // Reverse order: a later write may have replaced a value an earlier one wrote.
    while (this.#entries.length > mark) this.#entries.pop()!();
  }

  rollback(): void {
    this.rollbackTo(0);
  }
}

/**
 * The undo log of the transaction that holds the store. Transactions are
 * serialized, so there is at most one at a time.
 */
export class Journal {
  #current: UndoLog | null = null;

  begin(): UndoLog {
    this.#current = new UndoLog();
    return this.#current;
  }

  end(): void {
    this.#current = null;
  }

  record(undo: () => void): void {
    if (this.#current === null) {
      // Every write goes through a transaction; reaching here is a bug in the store.
      throw new Error('orgkit memory store: a write happened outside a transaction.');
    }
    this.#current.record(undo);
  }
}
