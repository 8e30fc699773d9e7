/**
 * Member search: a case-insensitive substring of the full name or the email,
 * `%` and `_` plain characters, exactly as the memory store matches. The
 * substring test below decides every result; the trigram index (see
 * `search-index.ts`) only chooses which rows the test reads.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { QueryContext, SearchIndexSeen } from './query-context.js';
import type { OrgkitDatabase } from './schema-types.js';

/** Past this many users matching the trigrams, walking the organization in order finds a page sooner. */
export const MAX_INDEXED_CANDIDATES = 1000;

/** The search term as the stored columns hold text: lower-cased by JavaScript (see `searchName`). */
export function searchNeedle(search: string): string {
  return search.toLowerCase();
}

/** What narrows a search on SQLite: user ids from the index, or `null` to scan. */
export type SqliteCandidates = string[] | null;

/**
 * SQLite: the users whose name and email hold every trigram of the needle,
 * when the index exists, the needle has trigrams, and they are few.
 */
export async function sqliteCandidates(
  db: Kysely<OrgkitDatabase>,
  needle: string,
  seen: SearchIndexSeen,
): Promise<SqliteCandidates> {
  const characters = [...needle];
  if (characters.length < 3) return null;
  if (!seen.present) {
    const { rows: found } = await sql<{ found: number }>`
      select exists (select 1 from sqlite_master where type = 'table' and name = 'user_search') as found`.execute(db);
    if (!found[0]?.found) return null;
    seen.present = true;
  }
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= characters.length; i++) trigrams.add(characters.slice(i, i + 3).join(''));
  // Each quoted string is one token to the trigram tokenizer; `detail=none` allows no phrases, so AND them.
  const match = [...trigrams].map((trigram) => `"${trigram.replaceAll('"', '""')}"`).join(' AND ');
  const { rows } = await sql<{ user_id: string }>`
    select k.user_id from (select rowid from user_search where user_search match ${match} limit ${MAX_INDEXED_CANDIDATES + 1}) s
    join user_search_keys k on k.key = s.rowid`.execute(db);
  return rows.length > MAX_INDEXED_CANDIDATES ? null : rows.map((row) => row.user_id);
}

type MemberSearchBuilder = ExpressionBuilder<
  OrgkitDatabase & { m: OrgkitDatabase['memberships'] } & { u: OrgkitDatabase['users'] },
  'm' | 'u'
>;

/**
 * The substring test. Postgres: `LIKE` with its wildcards escaped, which the
 * `pg_trgm` indexes serve (the planner picks them when it expects few rows);
 * under three characters they cannot help, so `strpos`. SQLite: `instr`.
 */
export function containsNeedle(context: QueryContext, eb: MemberSearchBuilder, needle: string): Expression<SqlBool> {
  if (context.dialect === 'postgres') {
    if ([...needle].length >= 3) {
      const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return eb.or([
        sql<SqlBool>`${eb.ref('u.search_name')} like ${pattern}`,
        sql<SqlBool>`${eb.ref('u.email')} like ${pattern}`,
      ]);
    }
    return eb.or([
      eb(eb.fn('strpos', ['u.search_name', eb.val(needle)]), '>', 0),
      eb(eb.fn('strpos', ['u.email', eb.val(needle)]), '>', 0),
    ]);
  }
  return eb.or([
    eb(eb.fn('instr', ['u.search_name', eb.val(needle)]), '>', 0),
    eb(eb.fn('instr', ['u.email', eb.val(needle)]), '>', 0),
  ]);
}
