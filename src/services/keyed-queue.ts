/**
 * Runs calls that share a key one after another, within one orgkit instance.
 * Each call learns whether another call on its key succeeded while it
 * waited, so that concurrent requests for the same effect (two clicks on
 * "Resend") can join the one that went first instead of repeating it.
 */
export class KeyedQueue {
  readonly #entries = new Map<string, { tail: Promise<unknown>; succeeded: number; waiting: number }>();

  async run<T>(key: string, fn: (succeededMeanwhile: boolean) => Promise<T>): Promise<T> {
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = { tail: Promise.resolve(), succeeded: 0, waiting: 0 };
      this.#entries.set(key, entry);
    }
    const current = entry;
    const succeededBefore = current.succeeded;
    current.waiting += 1;
    const result = current.tail.then(async () => {
      const value = await fn(current.succeeded !== succeededBefore);
      current.succeeded += 1;
      return value;
    });
    current.tail = result.catch(() => undefined);
    try {
      return await result;
    } finally {
      current.waiting -= 1;
      // The last caller out removes the key, so the map holds only keys in use.
      if (current.waiting === 0 && this.#entries.get(key) === current) this.#entries.delete(key);
    }
  }
}
