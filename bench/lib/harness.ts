/**
 * Timing for calls that take microseconds to seconds: each call timed on its
 * own, a time budget per case, medians and p99 reported. Nanosecond-scale pure
 * functions go through mitata instead (see the pure-check suite).
 */
import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Median, in milliseconds. */
  p50: number;
  p99: number;
  mean: number;
  min: number;
  samples: number;
}

export interface Budget {
  /** Keep sampling until this much time has passed (ms)… */
  ms: number;
  /** …and at least this many samples were taken. */
  minSamples: number;
  maxSamples: number;
  warmup: number;
}

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    mean: sum / sorted.length,
    min: sorted[0] ?? Number.NaN,
    samples: sorted.length,
  };
}

/**
 * Times `fn` call by call, one at a time. `fn` gets the call's index, so each
 * call can differ. `samples`: calls already timed (a checked first call).
 */
export async function timeCalls(
  fn: (index: number) => Promise<unknown> | unknown,
  budget: Budget,
  samples: number[] = [],
): Promise<Timing> {
  let index = 0;
  for (let i = 0; i < budget.warmup; i += 1) await fn(index++);
  const deadline = performance.now() + budget.ms;
  while (samples.length < budget.maxSamples && (samples.length < budget.minSamples || performance.now() < deadline)) {
    const start = performance.now();
    await fn(index++);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export interface Throughput {
  /** Completed calls per second over the whole window. */
  perSecond: number;
  /** Latency of each call, including its wait for a pool connection. */
  latency: Timing;
  callers: number;
}

/** `callers` loops call `fn` back to back for `ms` milliseconds. */
export async function underLoad(fn: () => Promise<unknown>, callers: number, ms: number): Promise<Throughput> {
  const samples: number[] = [];
  const start = performance.now();
  const deadline = start + ms;
  const loop = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      await fn();
      samples.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: callers }, loop));
  const elapsed = performance.now() - start;
  return { perSecond: (samples.length / elapsed) * 1000, latency: summarize(samples), callers };
}

/** The time one call of `fn` takes, for work done once (seeding). */
export async function timeOnce<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
