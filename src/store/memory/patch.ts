/**
 * `row` with the fields `patch` sets. A key present but `undefined` leaves the
 * field alone, as an omitted one would; `null` is a value and is written.
 * Answers a new object: stored rows are replaced, never mutated, so the undo
 * log can restore the old one by reference.
 */
export function applyPatch<R extends object>(row: R, patch: Partial<R>): R {
  const next = { ...row };
  for (const [field, value] of Object.entries(patch)) {
    if (value !== undefined) (next as Record<string, unknown>)[field] = value;
  }
  return next;
}
