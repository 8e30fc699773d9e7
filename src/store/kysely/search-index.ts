/**
 * The index behind member search: a trigram index over users' lower-cased
 * full name and email. SQLite: an FTS5 table with the `trigram` tokenizer,
 * kept in step by triggers. Postgres: `pg_trgm` GIN indexes. Either only
 * narrows the candidates; the search itself stays the substring test in
 * `member-search.ts`, so results are the same with the index or without.
 */
import { type Kysely, sql } from 'kysely';
import type { SchemaStatement } from './schema-definition.js';
import type { SqlDialect } from './sql-dialect.js';

/** The FTS5 table (SQLite). Its rowids are `user_search_keys.key`, which VACUUM keeps, unlike a table's own rowids. */
export const USER_SEARCH_TABLE = 'user_search';

/**
 * The statements that build the index. `trigramSchema`: where `pg_trgm` lives
 * (Postgres); when given, the extension is created first if missing.
 */
export function searchIndexSchema(
  db: Kysely<unknown>,
  dialect: SqlDialect,
  options: { schema?: string; trigramSchema?: string; createExtension?: boolean } = {},
): SchemaStatement[] {
  if (dialect === 'postgres') {
    const builder = options.schema === undefined ? db.schema : db.schema.withSchema(options.schema);
    const ops = sql`${sql.id(options.trigramSchema ?? 'public')}.gin_trgm_ops`;
    return [
      ...(options.createExtension ? [raw(db, sql`create extension if not exists pg_trgm`)] : []),
      builder.createIndex('users_search_name_trgm_idx').on('users').using('gin').expression(sql`search_name ${ops}`),
      builder.createIndex('users_email_trgm_idx').on('users').using('gin').expression(sql`email ${ops}`),
    ];
  }
  return [
    raw(db, sql`create table user_search_keys (key integer primary key, user_id text not null unique)`),
    // Contentless: the index answers rowids only; the substring test reads `users`.
    raw(
      db,
      sql`create virtual table user_search using fts5(search_name, email, content='', contentless_delete=1, tokenize='trigram case_sensitive 1', detail=none)`,
    ),
    raw(
      db,
      sql`create trigger users_search_insert after insert on users begin
  insert into user_search_keys (user_id) values (new.id);
  insert into user_search (rowid, search_name, email)
    select key, new.search_name, new.email from user_search_keys where user_id = new.id;
end`,
    ),
    raw(
      db,
      sql`create trigger users_search_update after update of search_name, email on users begin
  delete from user_search where rowid = (select key from user_search_keys where user_id = old.id);
  insert into user_search (rowid, search_name, email)
    select key, new.search_name, new.email from user_search_keys where user_id = old.id;
end`,
    ),
    raw(
      db,
      sql`create trigger users_search_delete after delete on users begin
  delete from user_search where rowid = (select key from user_search_keys where user_id = old.id);
  delete from user_search_keys where user_id = old.id;
end`,
    ),
    // Users from before the index.
    raw(db, sql`insert into user_search_keys (user_id) select id from users`),
    raw(
      db,
      sql`insert into user_search (rowid, search_name, email)
  select k.key, u.search_name, u.email from user_search_keys k join users u on u.id = k.user_id`,
    ),
  ];
}

function raw(db: Kysely<unknown>, statement: ReturnType<typeof sql>): SchemaStatement {
  return { execute: () => statement.execute(db), compile: () => statement.compile(db) };
}

/**
 * Migration 0002. Where the database cannot build the index (an SQLite
 * without FTS5 or its trigram tokenizer; a Postgres role that may not create
 * `pg_trgm`), it says so once and search keeps scanning: same results, slower.
 */
export async function addSearchIndex(db: Kysely<unknown>, dialect: SqlDialect, schema?: string): Promise<void> {
  if (dialect === 'sqlite') {
    try {
      await sql`savepoint orgkit_search_index`.execute(db);
      for (const statement of searchIndexSchema(db, 'sqlite')) await statement.execute();
      await sql`release orgkit_search_index`.execute(db);
    } catch (error) {
      await sql`rollback to orgkit_search_index`.execute(db);
      await sql`release orgkit_search_index`.execute(db);
      warnUnindexed(error);
    }
    return;
  }
  let trigramSchema = await pgTrgmSchema(db);
  if (trigramSchema === null) {
    // Under a savepoint: a refusal must not abort the migration's transaction.
    await sql`savepoint orgkit_pg_trgm`.execute(db);
    try {
      await sql`create extension if not exists pg_trgm`.execute(db);
      await sql`release savepoint orgkit_pg_trgm`.execute(db);
    } catch (error) {
      await sql`rollback to savepoint orgkit_pg_trgm`.execute(db);
      // Another schema's migration may have created it meanwhile.
      if ((await pgTrgmSchema(db)) === null) {
        warnUnindexed(error);
        return;
      }
    }
    trigramSchema = await pgTrgmSchema(db);
  }
  for (const statement of searchIndexSchema(db, 'postgres', { schema, trigramSchema: trigramSchema! })) {
    await statement.execute();
  }
}

async function pgTrgmSchema(db: Kysely<unknown>): Promise<string | null> {
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_catalog.pg_extension e
    join pg_catalog.pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  return rows[0]?.schema ?? null;
}

function warnUnindexed(error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  console.warn(`orgkit: member search has no index here and will scan (${reason}).`);
}
