/**
 * Watches the event loop for a stall: a synchronous wait inside a driver
 * (better-sqlite3's busy timeout) stops every timer, so it shows up as a gap
 * between ticks as long as the wait.
 */

/** Starts watching; the function it answers stops and answers the longest gap, in ms. */
export function watchEventLoop(): () => number {
  let last = performance.now();
  let longest = 0;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const timer = setInterval(tick, 10);
  return () => {
    clearInterval(timer);
    tick();
    return longest;
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
