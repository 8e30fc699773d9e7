import type { StoreTx } from '../store.js';

/**
 * `StoreTx` methods as synchronous functions. Each one runs to completion
 * without yielding, so no other work can interleave with it; the store wraps
 * them into the async `StoreTx` (copying in and out, and undoing a method's
 * partial writes when it throws).
 */
export type SyncMethods<K extends keyof StoreTx> = {
  [P in K]: (...args: Parameters<StoreTx[P]>) => Awaited<ReturnType<StoreTx[P]>>;
};
