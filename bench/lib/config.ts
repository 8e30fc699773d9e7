/** What one run measures and for how long: the full run, or the smoke run that only proves the suite still works. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Budget } from './harness.js';

export interface BenchConfig {
  smoke: boolean;
  /** Organization sizes for member pages and search, ascending. */
  sizes: number[];
  /** Per case, for calls timed one at a time. */
  budget: Budget;
  /** Per case on slow calls (a page or search that scans): fewer samples, still a median. */
  slowBudget: Budget;
  /** Sequential invite + accept pairs, per store. */
  invitationMs: number;
  /** The concurrent-callers window on the Postgres pool. */
  loadMs: number;
  callers: number;
  /** mitata's minimum CPU time per pure check (ns). */
  pureCpuNs: number;
  postgresUrl: string;
  /** Our own schemas, dropped at the start and at the end. */
  postgresSchema: string;
  sqliteFile: string;
  resultsFile: string;
  /** Where the report goes; the smoke run writes it to a temporary directory. */
  docsFile: string;
  chartFile: string;
}

export function benchConfig(argv: readonly string[], root: string): BenchConfig {
  const smoke = argv.includes('--smoke');
  const scratch = mkdtempSync(join(tmpdir(), 'orgkit-bench-'));
  const out = smoke ? scratch : root;
  return {
    smoke,
    sizes: smoke ? [100, 1_000] : [1_000, 10_000, 100_000, 1_000_000],
    budget: smoke
      ? { ms: 30, minSamples: 5, maxSamples: 200, warmup: 2 }
      : { ms: 1_500, minSamples: 20, maxSamples: 100_000, warmup: 50 },
    slowBudget: smoke
      ? { ms: 20, minSamples: 2, maxSamples: 50, warmup: 1 }
      : { ms: 1_500, minSamples: 3, maxSamples: 2_000, warmup: 0 },
    invitationMs: smoke ? 150 : 3_000,
    loadMs: smoke ? 200 : 3_000,
    callers: 32,
    pureCpuNs: smoke ? 5e6 : 300e6,
    postgresUrl:
      process.env.ORGKIT_BENCH_POSTGRES_URL ??
      process.env.ORGKIT_TEST_POSTGRES_URL ??
      'postgres://postgres@127.0.0.1:5432/test',
    postgresSchema: smoke ? 'orgkit_bench_smoke' : 'orgkit_bench',
    sqliteFile: join(scratch, 'bench.sqlite'),
    resultsFile: join(out, 'bench', 'results', smoke ? 'smoke.json' : 'latest.json'),
    docsFile: join(out, 'docs', 'benchmarks.md'),
    chartFile: join(out, 'docs', 'images', 'member-pages.svg'),
  };
}
