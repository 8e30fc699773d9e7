/**
 * `npm run bench` (from the repository root): every suite in one process,
 * then bench/results/latest.json, docs/benchmarks.md and its chart.
 * `npm run bench -- --smoke` runs the same at tiny sizes and writes to a
 * temporary directory instead, so it proves the suite works without
 * touching the committed report.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchConfig } from './lib/config.js';
import { openEnvironment } from './lib/environment.js';
import { log } from './lib/harness.js';
import { machineInfo } from './lib/machine.js';
import { lineChart } from './report/chart.js';
import { benchmarksMarkdown } from './report/markdown.js';
import type { BenchResults } from './report/results.js';
import { authorizeSuite } from './suites/authorize.js';
import { invitationSuite } from './suites/invitations.js';
import { memberSuite } from './suites/members.js';
import { pureCheckSuite } from './suites/pure-check.js';
import { queryPlanSuite } from './suites/query-plans.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = benchConfig(process.argv.slice(2), root);
const started = performance.now();
log(`${config.smoke ? 'smoke' : 'full'} run, sizes ${config.sizes.join(', ')}`);

const write = (file: string, text: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  log(`wrote ${file}`);
};

/** Every suite, in one process: the numbers of one run. */
async function measure(): Promise<BenchResults> {
  const pure = await pureCheckSuite(config);
  const env = await openEnvironment(config);
  try {
    const machine = await machineInfo(env, root, config.sqliteFile);
    const { organizations, ...members } = await memberSuite(env, config);
    const plans = await queryPlanSuite(env, config, organizations);
    const authorize = await authorizeSuite(env, config, organizations);
    const invitations = await invitationSuite(env, config);
    const durationS = (performance.now() - started) / 1000;
    return {
      smoke: config.smoke,
      sizes: config.sizes,
      durationS,
      machine,
      pure,
      members,
      authorize,
      invitations,
      plans,
    };
  } finally {
    await env.close();
  }
}

const readJson = <T>(file: string): T | undefined =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;

// `--report`: rewrite the report from the last full run's JSON without measuring again.
const reportOnly = process.argv.includes('--report');
const results = reportOnly ? readJson<BenchResults>(config.resultsFile) : await measure();
if (results === undefined) throw new Error(`No results to report: ${config.resultsFile}`);
const { pure } = results;

if (!reportOnly) write(config.resultsFile, `${JSON.stringify(results, null, 2)}\n`);
const baseline = readJson<BenchResults>(join(root, 'bench', 'results', 'baseline.json'));
// The why of each missed target, written by hand: it survives every rerun.
const why = readJson<Record<string, string>>(join(root, 'bench', 'why.json')) ?? {};
write(config.docsFile, benchmarksMarkdown(results, baseline, why));
const colors = { memory: '#d62728', sqlite: '#1f77b4', postgres: '#2ca02c' };
const series = (label: 'first page' | 'search: no match', dashed: boolean) =>
  (['memory', 'sqlite', 'postgres'] as const).map((store) => ({
    label: `${store}, ${label}`,
    color: colors[store],
    dashed,
    points: results.members.rows
      .filter((row) => row.store === store && row.timings[label] !== undefined)
      .map((row) => ({ x: row.members, y: row.timings[label]!.p50 })),
  }));
write(
  config.chartFile,
  lineChart({
    title: 'members.list, p50: a page of 50 (solid) and a search matching nobody (dashed)',
    xLabel: 'members in the organization',
    yLabel: 'p50 per call',
    series: [...series('first page', false), ...series('search: no match', true)],
  }),
);
const problems = [
  ...pure.mismatches,
  ...results.members.rows.flatMap((row) => row.problems),
  ...results.authorize.problems,
];
log(
  `done in ${((performance.now() - started) / 1000).toFixed(1)} s${problems.length > 0 ? `; ${problems.length} wrong answers` : ''}`,
);
// Wrong answers fail the run: a benchmark of wrong results means nothing.
if (problems.length > 0) process.exitCode = 1;
