/** A row's keyset as the memory store sorts it: `createdAt` in epoch milliseconds, then the id. */
export interface KeysetEntry {
  readonly at: number;
  readonly id: string;
}

/** The order of {@link compareKeyset} (keyset-order.ts), on entries. */
export function compareEntries(a: KeysetEntry, b: KeysetEntry): number {
  if (a.at !== b.at) return a.at - b.at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Chunks split past this size: small enough that a splice is cheap, big enough that there are few chunks. */
const MAX_CHUNK = 1024;

/**
 * Entries kept in keyset order, in chunks: an insert, a delete or a seek costs
 * two binary searches and a splice of at most {@link MAX_CHUNK} entries,
 * whatever the size. Appends (the common case: members join over time) only
 * push. Unique entries: inserting one that is there already is the caller's bug.
 */
export class SortedKeysets {
  readonly #chunks: KeysetEntry[][] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  insert(entry: KeysetEntry): void {
    const chunks = this.#chunks;
    this.#size += 1;
    const last = chunks[chunks.length - 1];
    if (last === undefined) {
      chunks.push([entry]);
      return;
    }
    const index = Math.min(this.#chunkFor(entry, false), chunks.length - 1);
    const chunk = chunks[index]!;
    if (index === chunks.length - 1 && compareEntries(chunk[chunk.length - 1]!, entry) < 0) chunk.push(entry);
    else chunk.splice(positionIn(chunk, entry, false), 0, entry);
    if (chunk.length > MAX_CHUNK) chunks.splice(index + 1, 0, chunk.splice(chunk.length >> 1));
  }

  /** `false` when the entry was not there. */
  delete(entry: KeysetEntry): boolean {
    const chunks = this.#chunks;
    const index = this.#chunkFor(entry, false);
    const chunk = chunks[index];
    if (chunk === undefined) return false;
    const position = positionIn(chunk, entry, false);
    const found = chunk[position];
    if (found === undefined || compareEntries(found, entry) !== 0) return false;
    chunk.splice(position, 1);
    if (chunk.length === 0) chunks.splice(index, 1);
    this.#size -= 1;
    return true;
  }

  /**
   * Visits the entries strictly after `after` (all of them without it), in
   * order, until `visit` answers `false`. The set must not change meanwhile.
   */
  walk(after: KeysetEntry | undefined, visit: (entry: KeysetEntry) => boolean): void {
    const chunks = this.#chunks;
    let index = after === undefined ? 0 : this.#chunkFor(after, true);
    let position = after === undefined || index >= chunks.length ? 0 : positionIn(chunks[index]!, after, true);
    for (; index < chunks.length; index += 1, position = 0) {
      const chunk = chunks[index]!;
      for (; position < chunk.length; position += 1) {
        if (!visit(chunk[position]!)) return;
      }
    }
  }

  /**
   * The first chunk whose last entry is at or past `entry` (strictly past
   * when `strictly`); `chunks.length` when there is none.
   */
  #chunkFor(entry: KeysetEntry, strictly: boolean): number {
    const chunks = this.#chunks;
    let low = 0;
    let high = chunks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const chunk = chunks[middle]!;
      const order = compareEntries(chunk[chunk.length - 1]!, entry);
      if (order < 0 || (strictly && order === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** The first position in `chunk` at or past `entry` (strictly past when `strictly`). */
function positionIn(chunk: KeysetEntry[], entry: KeysetEntry, strictly: boolean): number {
  let low = 0;
  let high = chunk.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const order = compareEntries(chunk[middle]!, entry);
    if (order < 0 || (strictly && order === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}
