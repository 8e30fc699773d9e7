/**
 * Member pages and search against organization size, on every store: the
 * first page, a page from a cursor halfway through, a search that matches
 * nobody and one that matches one member in a thousand. Each answer is
 * checked before it is timed.
 */
import type { BenchConfig } from '../lib/config.js';
import { type Environment, STORE_NAMES, type StoreName } from '../lib/environment.js';
import { log, type Timing, timeCalls, timeOnce } from '../lib/harness.js';
import {
  type BenchOrganization,
  createOrganization,
  growTo,
  memberId,
  NO_TERM,
  SOME_TERM,
  someTermMatches,
} from '../lib/seed.js';

export const MEMBER_CASES = ['first page', 'middle page', 'search: no match', 'search: some match'] as const;
export type MemberCase = (typeof MEMBER_CASES)[number];

export interface MemberRow {
  store: StoreName;
  members: number;
  seedMs: number;
  timings: Partial<Record<MemberCase, Timing>>;
  /** Answers that were not what the seed implies; empty when all were right. */
  problems: string[];
}

export interface MemberResults {
  rows: MemberRow[];
  /** Memory store heap per member, by size: `(heap after − heap before) / members`, after `gc()`. */
  memoryBytesPerMember: Array<{ members: number; bytes: number }>;
  organizations: Record<StoreName, BenchOrganization>;
}

const heapAfterGc = (): number => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return Number.NaN;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/** A cursor in the shape the lists hand out (base64url of `[millis, id]`), for a page deep inside. */
const cursorAt = (org: BenchOrganization, i: number) =>
  Buffer.from(JSON.stringify([org.baseMs + i, memberId(i)])).toString('base64url');

export async function memberSuite(env: Environment, config: BenchConfig): Promise<MemberResults> {
  const organizations = {} as Record<StoreName, BenchOrganization>;
  for (const name of STORE_NAMES) organizations[name] = await createOrganization(env, name);
  const heapBefore = heapAfterGc();
  const rows: MemberRow[] = [];
  const memoryBytesPerMember: MemberResults['memoryBytesPerMember'] = [];

  for (const members of config.sizes) {
    for (const name of STORE_NAMES) {
      const org = organizations[name];
      const seeded = await timeOnce(() => growTo(env, name, org, members));
      log(`${name}: ${members} members seeded in ${(seeded.ms / 1000).toFixed(1)} s`);
      if (name === 'memory') {
        memoryBytesPerMember.push({ members, bytes: Math.round((heapAfterGc() - heapBefore) / members) });
      }
      rows.push({ store: name, members, seedMs: seeded.ms, ...(await measurePages(env, config, name, org)) });
    }
  }
  return { rows, memoryBytesPerMember, organizations };
}

async function measurePages(env: Environment, config: BenchConfig, name: StoreName, org: BenchOrganization) {
  const { orgkit } = env.stores[name];
  const list = (query: Parameters<typeof orgkit.members.list>[1]) => orgkit.members.list(org.actor, query);
  const problems: string[] = [];
  const timings: MemberRow['timings'] = {};
  const middle = Math.floor(org.members / 2);
  const cases: Record<MemberCase, () => ReturnType<typeof list>> = {
    'first page': () => list({ limit: 50 }),
    'middle page': () => list({ limit: 50, cursor: cursorAt(org, middle) }),
    'search: no match': () => list({ limit: 50, search: NO_TERM }),
    'search: some match': () => list({ limit: 50, search: SOME_TERM }),
  };
  const expected: Record<MemberCase, (ids: string[]) => string | null> = {
    'first page': (ids) => (ids[0] === org.actor.userId && ids[1] === memberId(1) ? null : 'not the oldest 50'),
    'middle page': (ids) =>
      ids[0] === memberId(middle + 1) && ids.length === 50 ? null : 'not the 50 after the cursor',
    'search: no match': (ids) => (ids.length === 0 ? null : `${ids.length} matches, expected none`),
    'search: some match': (ids) =>
      ids.length === Math.min(50, someTermMatches(org.members)) && ids[0] === memberId(7)
        ? null
        : `${ids.length} matches starting ${ids[0]}, expected ${Math.min(50, someTermMatches(org.members))} from ${memberId(7)}`,
  };
  for (const label of Object.keys(cases) as MemberCase[]) {
    try {
      const start = performance.now();
      const page = await cases[label]();
      const first = performance.now() - start;
      const problem = expected[label](page.items.map((member) => member.userId));
      if (problem !== null) problems.push(`${label}: ${problem}`);
      // A call of seconds (a scan of a million members) counts its checked call and takes one more.
      const budget = first > config.slowBudget.ms ? { ...config.slowBudget, minSamples: 2 } : config.slowBudget;
      timings[label] = await timeCalls(cases[label], budget, first > config.slowBudget.ms ? [first] : []);
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}`);
    }
  }
  const summary = MEMBER_CASES.map((label) => `${label} ${timings[label]?.p50.toFixed(3) ?? '—'} ms`).join(', ');
  log(`${name} @ ${org.members}: ${summary}${problems.length > 0 ? ` PROBLEMS: ${problems.join('; ')}` : ''}`);
  return { timings, problems };
}
