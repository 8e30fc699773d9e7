/**
 * A promise-chain mutex: tasks run one at a time, in the order they were
 * queued. A failed task does not stop the ones behind it.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** No task is running or waiting: one started now would run at once. */
  get idle(): boolean {
    return this.#pending === 0;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.#pending += 1;
    const result = this.#tail.then(task).finally(() => {
      this.#pending -= 1;
    });
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
