/** What the numbers were measured on: the machine, the runtimes, and every library's version. */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import type { Environment } from './environment.js';

export interface MachineInfo {
  date: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite: string;
  /** The file system the SQLite file is on, and the journal and sync settings every commit waits on. */
  sqliteFileSystem: string;
  sqliteDurability: string;
  postgres: string;
  /** The commit measured, and whether the work tree had changes on top of it. */
  commit: string;
  versions: Record<string, string>;
}

const LIBRARIES = ['mitata', '@casl/ability', 'casbin', 'accesscontrol', 'better-auth', 'better-sqlite3', 'pg'];

function versionOf(root: string, name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'bench', 'node_modules', name, 'package.json'), 'utf8'));
    return String(manifest.version);
  } catch {
    return 'unknown';
  }
}

function commitOf(root: string): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- src', { cwd: root, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes to src/)` : head;
  } catch {
    return 'unknown';
  }
}

function fileSystemOf(path: string): string {
  try {
    return execSync(`df --output=fstype,source ${JSON.stringify(dirname(path))}`, { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)!
      .trim()
      .replace(/\s+/, ' on ');
  } catch {
    return 'unknown';
  }
}

export async function machineInfo(env: Environment, root: string, sqliteFile: string): Promise<MachineInfo> {
  const orgkit = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const sqlite = env.sqlite.prepare('select sqlite_version() as version').get() as { version: string };
  const postgres = await env.pool.query<{ server_version: string }>('show server_version');
  return {
    date: new Date().toISOString(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    sqlite: sqlite.version,
    sqliteFileSystem: fileSystemOf(sqliteFile),
    sqliteDurability: `journal_mode ${env.sqlite.pragma('journal_mode', { simple: true })}, synchronous ${
      ['OFF', 'NORMAL', 'FULL', 'EXTRA'][Number(env.sqlite.pragma('synchronous', { simple: true }))] ?? '?'
    } (the driver's defaults; orgkit sets WAL)`,
    postgres: postgres.rows[0]?.server_version ?? 'unknown',
    commit: commitOf(root),
    versions: { orgkit: orgkit.version, ...Object.fromEntries(LIBRARIES.map((name) => [name, versionOf(root, name)])) },
  };
}
