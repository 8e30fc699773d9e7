import { OrgkitError } from '../errors.js';
import { EARLIEST_INSTANT_MS, LATEST_CLOCK_MS } from '../schemas/instant.js';

const RANGE = `${new Date(EARLIEST_INSTANT_MS).toISOString()} to ${new Date(LATEST_CLOCK_MS).toISOString()}`;

/** Why `now` is not a time orgkit can write, or null when it is. */
export function clockProblem(now: unknown): string | null {
  let ms: number;
  try {
    // The brand check of `getTime` holds for Dates of any realm and cannot be spoofed by `Symbol.toStringTag`.
    ms = Date.prototype.getTime.call(now);
  } catch {
    return 'the clock answered something other than a Date';
  }
  if (Number.isNaN(ms)) return 'the clock answered an Invalid Date';
  if (ms >= EARLIEST_INSTANT_MS && ms <= LATEST_CLOCK_MS) return null;
  return `the clock answered ${new Date(ms).toISOString()}, outside ${RANGE}`;
}

/**
 * The host's clock, checked on every read: a clock that goes bad after
 * startup fails the call that reads it, before anything is written, instead
 * of storing a time no store holds the same way. Each read answers a Date of
 * its own, so a host that mutates the one it returned changes nothing here.
 */
export function checkedClock(clock: () => Date): () => Date {
  return () => {
    const now: unknown = clock();
    const problem = clockProblem(now);
    if (problem !== null) {
      throw new OrgkitError({
        code: 'VALIDATION_FAILED',
        message: `Invalid input: clock: ${problem}.`,
        details: { issues: [{ path: ['clock'], code: 'invalid_clock', message: `${capitalize(problem)}.` }] },
      });
    }
    return new Date(Date.prototype.getTime.call(now));
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
