/** docs/benchmarks.md from one run's results. */
import type { StoreName } from '../lib/environment.js';
import type { Timing } from '../lib/harness.js';
import { MEMBER_CASES } from '../suites/members.js';
import type { BenchResults } from './results.js';
import { judgeTargets } from './targets.js';

const STORES: Array<[StoreName, string]> = [
  ['memory', 'memory'],
  ['sqlite', 'SQLite'],
  ['postgres', 'Postgres'],
];
const n = (value: number) => value.toLocaleString('en');
const ms = (t: Timing | undefined) => (t === undefined ? '—' : t.p50 >= 100 ? t.p50.toFixed(0) : t.p50.toFixed(3));
const us = (value: number) => (value * 1000).toFixed(1);
/** A table laid out as the formatter lays it out: every column padded to its widest cell. */
function table(head: string[], rows: string[][]): string {
  const width = (cell: string) => [...cell].length;
  const widths = head.map((_, column) => Math.max(3, ...[head, ...rows].map((row) => width(row[column] ?? ''))));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell + ' '.repeat(widths[column]! - width(cell))).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function targets(results: BenchResults, baseline: BenchResults | undefined, why: Record<string, string>): string {
  const rows = judgeTargets(results);
  const before = new Map((baseline === undefined ? [] : judgeTargets(baseline)).map((row) => [row.work, row.measured]));
  const missed = rows.filter((row) => row.met === false);
  const met = (row: (typeof rows)[number]) => (row.met === null ? '—' : row.met ? 'yes' : `**no**: ${row.miss}`);
  return [
    '## Targets (issue 10)',
    '',
    ...(baseline === undefined
      ? [
          table(
            ['work', 'measured', 'target', 'met'],
            rows.map((row) => [row.work, row.measured, row.target, met(row)]),
          ),
        ]
      : [
          `"Before" is the same suite on the code before issue 10's changes (commit ${baseline.machine.commit}, \`bench/results/baseline.json\`), run earlier on the same machine.`,
          '',
          table(
            ['work', 'before', 'now', 'target', 'met'],
            rows.map((row) => [row.work, before.get(row.work) ?? '—', row.measured, row.target, met(row)]),
          ),
        ]),
    '',
    missed.length === 0
      ? 'Every target was met in this run.'
      : [
          'Where a target is missed, why:',
          '',
          ...missed.map(
            (row) =>
              `- **${row.work}** (${row.miss}): ${why[row.work] ?? '_why: to be filled in from the profiles (`bench/why.json`)._'}`,
          ),
        ].join('\n'),
  ].join('\n');
}

function pure(results: BenchResults): string {
  const { pure } = results;
  const agreement =
    pure.mismatches.length === 0
      ? `All five answered the same on all ${pure.pairs} role × permission pairs (the three roles and an unknown one) before timing.`
      : `**Answers differed** on ${pure.mismatches.length} pairs: ${pure.mismatches.join(', ')}.`;
  return [
    "## The pure check: `permissionMatrix.can(role, 'bots:update')`",
    '',
    'Each library built from the default matrix; the role rotates over the three roles, the permission is a constant, as at a call site. Timed by mitata (nanoseconds per check).',
    '',
    agreement,
    '',
    table(
      ['library', 'p50 (ns)', 'mean (ns)', 'p99 (ns)', 'vs bitmask'],
      pure.rows.map((row) => [
        row.library,
        row.p50.toFixed(1),
        row.avg.toFixed(1),
        row.p99.toFixed(1),
        `${row.ratio.toFixed(2)}x`,
      ]),
    ),
  ].join('\n');
}

function authorize(results: BenchResults): string {
  const { authorize: a } = results;
  const selectOne = a.sequential.find((row) => row.subject.startsWith('SELECT 1'))!.timing.p50;
  const authorizeOn = (store: string) =>
    a.sequential.find((row) => row.subject === 'orgkit authorize' && row.store === store)?.timing.p50 ?? Number.NaN;
  return [
    '## `authorize` beside Better Auth and a bare round trip',
    '',
    `One call at a time; the actor is an ${a.actor} of the ${n(a.members)}-member organization, asking \`members:update\`. Better Auth's organization plugin answers \`auth.api.hasPermission({ headers, body: { organizationId, permissions: { member: ['update'] } } })\` for its organization's owner, with the session cookie from sign-up: four statements per call (the session by its token, its user, the member, the member's user), then its role check, on the same SQLite file and the same Postgres database and schema as orgkit (a pool of its own, of the same size). Its organization has only its owner: a smaller table than orgkit's for its member lookup.`,
    '',
    table(
      ['call', 'store', 'p50 (µs)', 'p99 (µs)', 'samples', 'vs orgkit authorize', 'vs SELECT 1'],
      a.sequential.map((row) => [
        row.subject,
        row.store,
        us(row.timing.p50),
        us(row.timing.p99),
        n(row.timing.samples),
        `${(row.timing.p50 / authorizeOn(row.store)).toFixed(2)}x`,
        row.store === 'postgres' ? `${(row.timing.p50 / selectOne).toFixed(2)}x` : '',
      ]),
    ),
    '',
    `### ${a.concurrent[0]?.load.callers ?? 32} concurrent callers on the Postgres pool (node-postgres default size, 10 connections)`,
    '',
    table(
      ['call', 'per second', 'p50 (ms)', 'p99 (ms)'],
      a.concurrent.map((row) => [
        row.subject,
        n(Math.round(row.load.perSecond)),
        row.load.latency.p50.toFixed(2),
        row.load.latency.p99.toFixed(2),
      ]),
    ),
  ].join('\n');
}

function members(results: BenchResults): string {
  const { rows, memoryBytesPerMember } = results.members;
  const sizes = results.sizes;
  const problems = rows.flatMap((row) => row.problems.map((problem) => `${row.store} @ ${n(row.members)}: ${problem}`));
  const byCase = MEMBER_CASES.map((label) =>
    [
      `### ${label[0]!.toUpperCase()}${label.slice(1)} (p50, ms)`,
      '',
      table(
        ['store', ...sizes.map(n), `${n(sizes.at(-1)!)} / ${n(sizes[0]!)}`],
        STORES.map(([store, title]) => {
          const at = (size: number) => rows.find((row) => row.store === store && row.members === size)?.timings[label];
          const ratio = (at(sizes.at(-1)!)?.p50 ?? Number.NaN) / (at(sizes[0]!)?.p50 ?? Number.NaN);
          return [title, ...sizes.map((size) => ms(at(size))), Number.isNaN(ratio) ? '—' : `${ratio.toFixed(1)}x`];
        }),
      ),
    ].join('\n'),
  );
  return [
    '## Member pages and search against organization size',
    '',
    'One organization per store grows to each size in turn; at each size, a page of 50 (`members.list`) from the start, from a cursor halfway through, and searches: a term that matches nobody, and one that matches one member in a thousand. Every answer is checked against the seed before it is timed.',
    '',
    '![Page time against members for each store](images/member-pages.svg)',
    '',
    ...byCase.flatMap((section) => [section, '']),
    '### Seeding (s, for the members added at that size)',
    '',
    table(
      ['store', ...sizes.map(n)],
      STORES.map(([store, title]) => [
        title,
        ...sizes.map((size) => {
          const row = rows.find((r) => r.store === store && r.members === size);
          return row === undefined ? '—' : (row.seedMs / 1000).toFixed(1);
        }),
      ]),
    ),
    '',
    '### Memory store: bytes per member',
    '',
    'Heap after `gc()` with the organization at that size, less the heap before its first member, over the members.',
    '',
    table(
      ['members', ...memoryBytesPerMember.map((row) => n(row.members))],
      [['bytes per member', ...memoryBytesPerMember.map((row) => (Number.isNaN(row.bytes) ? '—' : n(row.bytes)))]],
    ),
    '',
    problems.length === 0
      ? 'Every answer matched the seed.'
      : `**Wrong answers:**\n\n${problems.map((p) => `- ${p}`).join('\n')}`,
  ].join('\n');
}

function invitations(results: BenchResults): string {
  return [
    '## Invite + accept, sequential',
    '',
    'Pairs one after another on a small organization: `invitations.create` (the invitation, its mail, delivery) then `invitations.accept` by a new user with the mailed token.',
    '',
    table(
      ['store', 'pairs/s', 'ms per pair', 'pairs'],
      results.invitations.map((row) => [row.store, row.perSecond.toFixed(0), row.meanMs.toFixed(2), n(row.pairs)]),
    ),
  ].join('\n');
}

/** Long lists of placeholders or ids shortened: the plan's shape is the point. */
const shorten = (text: string) =>
  text
    .replace(/(\?, ){3,}\?/g, '?, ?, …, ?')
    .replace(/\$(\d+)(, \$\d+){3,}, \$(\d+)/g, '$$$1, …, $$$3')
    .replace(/'\{([^,'}]+),[^'}]*,([^,'}]+)\}'/g, "'{$1, …, $2}'");

function plans(results: BenchResults): string {
  const section = (title: string, list: BenchResults['plans']['sqlite']) =>
    [
      `### ${title}`,
      '',
      ...list.flatMap((plan) => [
        `**${plan.case}**`,
        '',
        '```sql',
        shorten(plan.sql.trim()),
        '```',
        '',
        '```',
        shorten(plan.plan),
        '```',
        '',
      ]),
    ].join('\n');
  return [
    `## Query plans at ${n(results.plans.members)} members`,
    '',
    'The statements one page and one search run, captured from the driver as orgkit sent them and explained with the same parameters.',
    '',
    section('SQLite: EXPLAIN QUERY PLAN', results.plans.sqlite),
    section('Postgres: EXPLAIN (ANALYZE, BUFFERS)', results.plans.postgres),
  ].join('\n');
}

/**
 * `baseline`: the same suite's results on the code before the changes
 * measured, when kept. `why`: by target, why it was missed (bench/why.json).
 */
export function benchmarksMarkdown(
  results: BenchResults,
  baseline: BenchResults | undefined,
  why: Record<string, string>,
): string {
  const m = results.machine;
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${m.date.slice(0, 10)}; the raw numbers are in \`bench/results/latest.json\`. One run, on a shared machine: read the ratios side by side more than the absolute times.`,
    '',
    'Method: every answer is checked before it is timed. Calls that take microseconds to seconds are timed one at a time for 1.5 s each (at least 20 samples after 50 warm-up calls; pages and searches at least 3, and a call that takes longer than the window counts its checked call plus one more); the tables give the median (p50) unless they say otherwise. Pure functions are timed by mitata. Nothing here is tuned to the targets: the same code measures before and after a change.',
    '',
    '## Machine and versions',
    '',
    table(
      ['', ''],
      [
        ['CPU', `${m.cpuModel}, ${m.cores} cores`],
        ['memory', `${m.memoryGiB} GiB`],
        ['OS', m.os],
        ['Node.js', m.node],
        ['SQLite', `${m.sqlite}; its file on ${m.sqliteFileSystem}; ${m.sqliteDurability}`],
        ['Postgres', m.postgres],
        ['orgkit commit', m.commit],
        ...Object.entries(m.versions).map(([name, version]) => [name, version]),
        ['run time', `${results.durationS.toFixed(0)} s, seeding included`],
      ],
    ),
    '',
    targets(results, baseline, why),
    '',
    pure(results),
    '',
    authorize(results),
    '',
    members(results),
    '',
    invitations(results),
    '',
    plans(results),
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench            # installs bench/ dependencies once, builds dist/ if src/ changed, runs everything',
    'npm run bench -- --smoke # tiny sizes, under a minute; writes to a temporary directory, not docs/',
    'npm run bench -- --report # rewrite this page from bench/results/latest.json and bench/why.json, measuring nothing',
    '```',
    '',
    'The suite is its own package in `bench/` (its own `package.json` and lock), using the library through its built `dist/` like any host. Postgres: `ORGKIT_BENCH_POSTGRES_URL` (else `ORGKIT_TEST_POSTGRES_URL`, else `postgres://postgres@127.0.0.1:5432/test`); the run works in a schema of its own, `orgkit_bench`, and drops it at the end. SQLite: a file in a temporary directory. Members are seeded straight into the tables (a recursive CTE on SQLite, `generate_series` on Postgres) and through the Store contract for the memory store.',
    '',
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
