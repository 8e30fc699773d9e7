/**
 * The databases several processes can share: one SQLite file, and one
 * Postgres schema when ORGKIT_TEST_POSTGRES_URL is set. Each hands its
 * workers the arguments that open it (`sqlite <file>` or
 * `postgres <url> <schema>`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresStore } from '../../../src/postgres.js';
import { sqliteStore } from '../../../src/sqlite.js';
import type { Store } from '../../../src/store/store.js';
import { dropPostgresSchema, freshSchemaName, POSTGRES_URL } from '../../support/stores.js';

export interface SharedDatabase {
  name: string;
  workerArgs: string[];
  open(): Store;
  cleanup(): Promise<void>;
}

function sqliteDatabase(): SharedDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'orgkit-races-'));
  const file = join(directory, 'races.sqlite');
  return {
    name: 'one SQLite file',
    workerArgs: ['sqlite', file],
    open: () => sqliteStore({ database: file }),
    cleanup: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

function postgresDatabase(url: string): SharedDatabase {
  const schema = freshSchemaName();
  return {
    name: 'one Postgres schema',
    workerArgs: ['postgres', url, schema],
    open: () => postgresStore({ connectionString: url, schema, maxConnections: 2 }),
    cleanup: () => dropPostgresSchema(url, schema),
  };
}

/** Makers of each shared database this run has; each call makes a new, empty one. */
export const SHARED_DATABASES: Array<() => SharedDatabase> = [sqliteDatabase];
const postgresUrl = POSTGRES_URL;
if (postgresUrl !== undefined && postgresUrl !== '') SHARED_DATABASES.push(() => postgresDatabase(postgresUrl));
