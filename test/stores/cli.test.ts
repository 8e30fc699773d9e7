/**
 * The `orgkit` CLI, run as a process: `schema` prints the DDL the migrations
 * run, and `migrate` is idempotent. (Several processes migrating at once:
 * migrate-concurrency.test.ts.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kyselyStore } from '../../src/kysely.js';
import { MIGRATION_TABLE } from '../../src/store/kysely/migrations.js';
import { dropPostgresSchema, freshSchemaName, POSTGRES_URL, sharedPglite } from '../support/stores.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const execFileAsync = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function orgkit(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Every table and index with its DDL, minus the migration bookkeeping. */
function sqliteCatalog(database: Database.Database) {
  return database
    .prepare(`select type, name, sql from sqlite_master where name not like '%orgkit_migration%' order by name`)
    .all();
}

describe('orgkit CLI', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'orgkit-cli-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('schema --dialect sqlite prints exactly the DDL migrate runs', async () => {
    const printed = await orgkit('schema', '--dialect', 'sqlite');
    expect(printed.code).toBe(0);
    const fromDdl = new Database(':memory:');
    fromDdl.exec(printed.stdout);

    const file = join(directory, 'migrated.sqlite');
    expect((await orgkit('migrate', '--sqlite', file)).code).toBe(0);
    const migrated = new Database(file);
    expect(sqliteCatalog(fromDdl)).toEqual(sqliteCatalog(migrated));
    expect(sqliteCatalog(fromDdl).length).toBeGreaterThan(15);
    fromDdl.close();
    migrated.close();
  });

  it('schema --dialect postgres --schema prints the DDL migrate runs in that schema', async () => {
    const printed = await orgkit('schema', '--dialect', 'postgres', '--schema', 'printed');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('create schema if not exists "printed"');
    const db = sharedPglite();
    try {
      for (const statement of printed.stdout.split(/;\n/).filter((text) => text.trim() !== '')) {
        await sql.raw(statement).execute(db);
      }
      const migrated = kyselyStore({ db, dialect: 'postgres', schema: 'migrated' });
      await migrated.migrate();
      const catalog = async (schema: string) => ({
        columns: (
          await sql<{ table_name: string; column_name: string; data_type: string; collation_name: string | null }>`
            select table_name, column_name, data_type, collation_name from information_schema.columns
            where table_schema = ${schema} and table_name not like 'orgkit_migration%'
            order by table_name, column_name`.execute(db)
        ).rows,
        indexes: (
          await sql<{ indexdef: string }>`
            select replace(indexdef, ${`${schema}.`}, '') as indexdef from pg_indexes
            where schemaname = ${schema} and tablename not like 'orgkit_migration%' order by indexname`.execute(db)
        ).rows,
        constraints: (
          await sql<{ conname: string; definition: string }>`
            select conname, replace(pg_get_constraintdef(c.oid), ${`${schema}.`}, '') as definition
            from pg_constraint c join pg_namespace n on n.oid = c.connamespace
            where n.nspname = ${schema} and conname not like 'orgkit_migration%' order by conname`.execute(db)
        ).rows,
      });
      const [fromDdl, fromMigration] = [await catalog('printed'), await catalog('migrated')];
      expect(fromDdl).toEqual(fromMigration);
      expect(fromDdl.constraints.length).toBeGreaterThan(20);
    } finally {
      await sql`drop schema if exists printed cascade`.execute(db);
      await sql`drop schema if exists migrated cascade`.execute(db);
    }
  });

  it('migrate --sqlite is idempotent', async () => {
    const file = join(directory, 'twice.sqlite');
    const first = await orgkit('migrate', '--sqlite', file);
    const second = await orgkit('migrate', '--sqlite', file);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stdout).toContain('up to date');
    const database = new Database(file);
    expect(database.prepare(`select name from ${MIGRATION_TABLE}`).all()).toEqual([
      { name: '0001_initial' },
      { name: '0002_member_search_index' },
      { name: '0003_outbox_claim' },
    ]);
    database.close();
  });

  it('refuses bad usage with exit code 2 and the usage text', async () => {
    const usages = [
      [],
      ['frobnicate'],
      ['schema', '--dialect', 'oracle'],
      ['migrate'],
      ['migrate', '--sqlite', 'a', '--postgres', 'b'],
      ['migrate', '--sqlite', 'a', '--schema', 'x'],
      ['schema', '--bogus'],
    ];
    const outcomes = await Promise.all(usages.map((args) => orgkit(...args)));
    for (const [index, outcome] of outcomes.entries()) {
      expect(outcome.code, usages[index]?.join(' ')).toBe(2);
      expect(outcome.stderr).toContain('Usage:');
    }
  });

  it('reports a database it cannot reach with exit code 1', async () => {
    const outcome = await orgkit('migrate', '--postgres', 'postgres://orgkit@127.0.0.1:1/none');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('orgkit: The store failed');
  });
});

describe.skipIf(POSTGRES_URL === undefined || POSTGRES_URL === '')('orgkit CLI on a real Postgres', () => {
  const url = POSTGRES_URL ?? '';
  let schema: string;
  beforeEach(() => {
    schema = freshSchemaName();
  });
  afterEach(() => dropPostgresSchema(url, schema));

  it('migrate --postgres --schema creates the schema and migrates it; again is a no-op', async () => {
    const first = await orgkit('migrate', '--postgres', url, '--schema', schema);
    const second = await orgkit('migrate', '--postgres', url, '--schema', schema);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stdout).toContain(`Postgres schema ${schema} is up to date`);
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }) });
    try {
      const rows = await sql`select name from ${sql.table(`${schema}.${MIGRATION_TABLE}`)}`.execute(db);
      expect(rows.rows).toEqual([
        { name: '0001_initial' },
        { name: '0002_member_search_index' },
        { name: '0003_outbox_claim' },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
