#!/usr/bin/env node
/**
 * `orgkit migrate --sqlite <file> | --postgres <url> [--schema <name>]`
 * `orgkit schema --dialect sqlite|postgres [--schema <name>]`
 *
 * Drivers load only for the database named, so `orgkit schema` needs neither.
 */
import { parseArgs } from 'node:util';
import { schemaDdl } from './store/kysely/schema-ddl.js';
import type { Store } from './store/store.js';

const USAGE = `Usage:
  orgkit migrate --sqlite <file>
  orgkit migrate --postgres <url> [--schema <name>]
  orgkit schema --dialect sqlite|postgres [--schema <name>]`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      sqlite: { type: 'string' },
      postgres: { type: 'string' },
      schema: { type: 'string' },
      dialect: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (rest.length > 0) throw new UsageError(`Unexpected argument: ${rest[0]}`);

  if (command === 'schema') {
    const { dialect, schema } = values;
    if (dialect !== 'sqlite' && dialect !== 'postgres') throw new UsageError('--dialect must be sqlite or postgres.');
    if (dialect === 'sqlite' && schema !== undefined) throw new UsageError('--schema applies to Postgres only.');
    process.stdout.write(`${schemaDdl(dialect, schema).join(';\n\n')};\n`);
    return;
  }

  if (command === 'migrate') {
    const { sqlite, postgres, schema } = values;
    if ((sqlite === undefined) === (postgres === undefined)) {
      throw new UsageError('Give exactly one of --sqlite <file> or --postgres <url>.');
    }
    if (sqlite !== undefined && schema !== undefined) throw new UsageError('--schema applies to Postgres only.');
    const store: Store =
      sqlite !== undefined
        ? (await import('./sqlite.js')).sqliteStore({ database: sqlite })
        : (await import('./postgres.js')).postgresStore({ connectionString: postgres as string, schema });
    try {
      await store.migrate();
    } finally {
      await store.close();
    }
    const target = sqlite !== undefined ? `SQLite ${sqlite}` : `Postgres schema ${schema ?? 'public'}`;
    process.stdout.write(`orgkit: ${target} is up to date.\n`);
    return;
  }

  throw new UsageError(command === undefined ? 'Missing command.' : `Unknown command: ${command}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`orgkit: ${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  // An operator's tool: the driver's own words (connection refused, …) are what they need.
  const cause = (error as Error).cause;
  process.stderr.write(`orgkit: ${(error as Error).message}\n`);
  if (cause instanceof Error) process.stderr.write(`  cause: ${cause.message}\n`);
  process.exitCode = 1;
});
