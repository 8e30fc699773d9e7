/**
 * Which users' name or email may contain a search term, so that member search
 * reads a short list instead of the whole organization.
 *
 * Keys are trigrams (three UTF-16 code units) of the lower-cased texts, the
 * same lower-casing the search compares with: a term of three or more units
 * is in a text only if each of its trigrams is, so the users holding the
 * term's rarest trigram are a superset of the matches. Callers check each
 * candidate against the real text.
 *
 * The index only grows: a changed name keeps its old trigrams, and a user
 * whose insert was rolled back stays listed. Both are harmless to a
 * superset, which is why the index needs no undo log. Stale entries are
 * dropped by a rebuild once they outnumber the live ones.
 */

/** A posting list: user numbers, in the order they were indexed. */
interface Postings {
  data: Int32Array;
  length: number;
}

/** The users that may hold a term. */
export interface Candidates {
  readonly length: number;
  forEach(visit: (id: string) => void): void;
  /** Whether user `id` is one of them: cheaper than checking the text, for a walk that meets many non-candidates. */
  has(id: string): boolean;
}

const EMPTY = new Int32Array(0);
const NOBODY: Candidates = { length: 0, forEach: () => undefined, has: () => false };
/** Below this, stale entries are not worth a rebuild. */
const MIN_REBUILD = 100_000;

export class TrigramIndex {
  #postings = new Map<number, Postings>();
  /** Every one- and two-unit string some text has held: enough to answer "nobody" for a short term at once. */
  #short = new Set<string>();
  /** User id → the small number the posting lists hold, and back. */
  #numbers = new Map<string, number>();
  #ids: string[] = [];
  /** How many entries each user number has in the lists now. */
  #entries: number[] = [];
  #live = 0;
  #stale = 0;
  readonly #all: () => Iterable<{ id: string; texts: readonly string[] }>;

  /** `all` lists every user's current texts, for a rebuild. */
  constructor(all: () => Iterable<{ id: string; texts: readonly string[] }>) {
    this.#all = all;
  }

  /** Indexes (again) the texts of user `id`, e.g. the full name and the email. */
  add(id: string, texts: readonly string[]): void {
    let number = this.#numbers.get(id);
    if (number === undefined) {
      number = this.#ids.length;
      this.#numbers.set(id, number);
      this.#ids.push(id);
      this.#entries.push(0);
    } else {
      this.#stale += this.#entries[number]!;
      this.#live -= this.#entries[number]!;
    }
    const trigrams = new Set<number>();
    for (const text of texts) {
      const lower = text.toLowerCase();
      for (let i = 0; i + 3 <= lower.length; i += 1) trigrams.add(trigramAt(lower, i));
      for (let i = 0; i < lower.length; i += 1) {
        this.#short.add(lower[i]!);
        if (i + 2 <= lower.length) this.#short.add(lower.slice(i, i + 2));
      }
    }
    for (const trigram of trigrams) this.#push(trigram, number);
    this.#entries[number] = trigrams.size;
    this.#live += trigrams.size;
    if (this.#stale > MIN_REBUILD && this.#stale > this.#live) this.#rebuild();
  }

  /**
   * The users that may contain `needle` (already lower-cased): those under
   * its rarest trigram. Empty when some trigram is in no text at all, or a
   * term shorter than a trigram never was in any; `undefined` when the
   * index cannot say who holds such a short term. May hold a user twice, or
   * one that no longer exists.
   */
  candidates(needle: string): Candidates | undefined {
    if (needle.length < 3) {
      return needle === '' || this.#short.has(needle) ? undefined : NOBODY;
    }
    let rarest: Int32Array | undefined;
    for (let i = 0; i + 3 <= needle.length; i += 1) {
      const postings = this.#postings.get(trigramAt(needle, i));
      if (postings === undefined) {
        rarest = EMPTY;
        break;
      }
      if (rarest === undefined || postings.length < rarest.length) rarest = postings.data.subarray(0, postings.length);
    }
    const numbers = rarest ?? EMPTY;
    const ids = this.#ids;
    const index = this.#numbers;
    let marks: Uint8Array | undefined;
    return {
      length: numbers.length,
      forEach(visit) {
        for (const number of numbers) visit(ids[number]!);
      },
      has(id) {
        if (marks === undefined) {
          marks = new Uint8Array(ids.length);
          for (const number of numbers) marks[number] = 1;
        }
        const number = index.get(id);
        return number !== undefined && marks[number] === 1;
      },
    };
  }

  #push(trigram: number, number: number): void {
    let postings = this.#postings.get(trigram);
    if (postings === undefined) {
      postings = { data: new Int32Array(2), length: 0 };
      this.#postings.set(trigram, postings);
    } else if (postings.length === postings.data.length) {
      const grown = new Int32Array(postings.data.length * 2);
      grown.set(postings.data);
      postings.data = grown;
    }
    postings.data[postings.length] = number;
    postings.length += 1;
  }

  #rebuild(): void {
    this.#postings = new Map();
    this.#short = new Set();
    this.#numbers = new Map();
    this.#ids = [];
    this.#entries = [];
    this.#live = 0;
    this.#stale = 0;
    for (const { id, texts } of this.#all()) this.add(id, texts);
  }
}

/** Three code units as one number: exact, and a cheaper map key than a string. */
function trigramAt(text: string, i: number): number {
  return text.charCodeAt(i) * 0x1_0000_0000 + text.charCodeAt(i + 1) * 0x1_0000 + text.charCodeAt(i + 2);
}
