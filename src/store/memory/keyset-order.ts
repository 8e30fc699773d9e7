import type { Keyset } from '../records.js';

/**
 * Ascending by `createdAt`, then by `id` in code-unit order, which is what a
 * SQL `ORDER BY created_at, id` gives for orgkit's ASCII ids.
 */
export function compareKeyset(a: Keyset, b: Keyset): number {
  const byTime = a.createdAt.getTime() - b.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorts `rows` in keyset order (newest first when `descending`) and keeps those strictly past `after`. */
export function keysetPage<R>(
  rows: Iterable<R>,
  position: (row: R) => Keyset,
  options: { descending: boolean; after?: Keyset | undefined; limit: number },
): R[] {
  const direction = options.descending ? -1 : 1;
  const { after } = options;
  const page: R[] = [];
  for (const row of rows) {
    if (after === undefined || direction * compareKeyset(position(row), after) > 0) page.push(row);
  }
  page.sort((a, b) => direction * compareKeyset(position(a), position(b)));
  return page.slice(0, Math.max(0, options.limit));
}
