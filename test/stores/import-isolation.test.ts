/**
 * `better-sqlite3`, `pg`, `express` and `fastify` are optional peers: a host
 * that uses one database must never load the other's driver, and orgkit or
 * a store never loads a web framework. Each case runs in a fresh Node
 * process and reads the module cache there (see fixtures/loaded-drivers.ts).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./fixtures/loaded-drivers.ts', import.meta.url));

async function driversLoadedBy(...args: string[]): Promise<string[]> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  return JSON.parse(stdout) as string[];
}

describe('import isolation', () => {
  it('orgkit/postgres, in use, loads pg and never better-sqlite3', async () => {
    expect(await driversLoadedBy('postgres', 'postgres')).toEqual(['pg']);
  });

  it('orgkit/sqlite, in use, loads better-sqlite3 and never pg', async () => {
    expect(await driversLoadedBy('sqlite', 'sqlite')).toEqual(['better-sqlite3']);
  });

  it.each(['postgres', 'sqlite', 'kysely', 'memory', 'index', 'http', 'client'])(
    'importing %s loads no driver and no web framework until a store needs one',
    async (entry) => {
      expect(await driversLoadedBy(entry)).toEqual([]);
    },
  );

  it('orgkit/express loads express and nothing else', async () => {
    expect(await driversLoadedBy('express')).toEqual(['express']);
  });

  it('orgkit/fastify loads fastify types only: the plugin itself needs no fastify module', async () => {
    expect(await driversLoadedBy('fastify')).toEqual([]);
  });
});
