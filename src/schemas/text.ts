/**
 * Which characters free text may hold, decided here and not by the store:
 * Postgres refuses NUL where SQLite and memory keep it, UTF-8 cannot carry a
 * lone surrogate (each driver replaces or refuses it its own way), and
 * control or invisible format characters let one value pass for another in
 * logs and mails. Refused here, the same input gets the same answer on every
 * store.
 *
 * Each check searches for one bad character rather than matching the whole
 * string, so it cannot backtrack; the schemas run it only after their length
 * check, so it never scans megabytes either.
 */

/** Control, format, lone surrogate, line and paragraph separator (U+2028/9). */
const UNPRINTABLE = String.raw`\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}`;
/** Zero-width non-joiner and joiner: Persian and Indic names and emoji sequences need them. */
const JOINERS = String.raw`\u200C\u200D`;

const UNPRINTABLE_CHARACTER = new RegExp(`[${UNPRINTABLE}]`, 'u');
const UNPRINTABLE_BUT_JOINERS = new RegExp(`(?![${JOINERS}])[${UNPRINTABLE}]`, 'u');
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The same rules as whole-string patterns, for the JSON Schema of the inputs
 * (`api/inputs.json`) only: matching them against long strings backtracks.
 */
export const ID_PATTERN = `^[^\\s${UNPRINTABLE}](?:[^${UNPRINTABLE}]*[^\\s${UNPRINTABLE}])?$`;
export const NAME_PATTERN = `^(?:[^${UNPRINTABLE}]|[${JOINERS}])*$`;

/** An id: printable, and no whitespace at either end (an id is compared as given, never trimmed). */
export function isPrintableId(value: string): boolean {
  return !UNPRINTABLE_CHARACTER.test(value) && value.trim() === value;
}

/** A name or search term, already trimmed: printable, joiners allowed. */
export function isPrintableName(value: string): boolean {
  return !UNPRINTABLE_BUT_JOINERS.test(value);
}

/** Settings keys and strings: anything but what Postgres `jsonb` or UTF-8 cannot hold. */
export function isStorableJsonText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}
