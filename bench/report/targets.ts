/**
 * Issue 10's targets, judged from one run's numbers. The targets are fixed
 * here and nowhere else; the suite measures the same way whether they are met.
 */
import type { StoreName } from '../lib/environment.js';
import type { BenchResults } from './results.js';

export interface TargetRow {
  work: string;
  measured: string;
  target: string;
  met: boolean | null;
  /** How far off, when missed: "2.3x over", "57% of". */
  miss: string;
}

const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`);
const us = (value: number) => `${(value * 1000).toFixed(1)} µs`;

export function judgeTargets(results: BenchResults): TargetRow[] {
  const rows: TargetRow[] = [];
  const { sizes } = results;
  const smallest = sizes[0]!;
  const largest = sizes.at(-1)!;
  const page = (store: StoreName, members: number, label: string) =>
    results.members.rows.find((row) => row.store === store && row.members === members)?.timings[label as 'first page']
      ?.p50;

  const upper = (
    work: string,
    value: number | undefined,
    limit: number,
    show: (v: number) => string,
    target: string,
  ) => {
    if (value === undefined) {
      rows.push({ work, measured: 'not measured', target, met: null, miss: '' });
      return;
    }
    const met = value <= limit;
    rows.push({ work, measured: show(value), target, met, miss: met ? '' : `${(value / limit).toFixed(1)}x over` });
  };

  for (const label of ['first page', 'middle page']) {
    const small = page('memory', smallest, label);
    const large = page('memory', largest, label);
    upper(
      `memory store, ${label} at ${largest.toLocaleString('en')} members`,
      large,
      small === undefined ? Number.NaN : 1.5 * small,
      (value) => `${ms(value)} (${small === undefined ? '?' : (value / small).toFixed(1)}x its ${smallest} time)`,
      `≤ 1.5x its ${smallest.toLocaleString('en')}-member time`,
    );
  }
  const searchLimits: Record<StoreName, number> = { sqlite: 5, postgres: 5, memory: 50 };
  for (const store of ['sqlite', 'postgres', 'memory'] as const) {
    upper(
      `search at ${largest.toLocaleString('en')}, no match, ${store}`,
      page(store, largest, 'search: no match'),
      searchLimits[store],
      ms,
      `≤ ${searchLimits[store]} ms`,
    );
  }
  const authorize = (store: string) =>
    results.authorize.sequential.find((row) => row.subject === 'orgkit authorize' && row.store === store)?.timing.p50;
  const selectOne = results.authorize.sequential.find((row) => row.subject.startsWith('SELECT 1'))?.timing.p50;
  upper('authorize p50, memory', authorize('memory'), 0.003, us, '≤ 3 µs');
  upper('authorize p50, SQLite', authorize('sqlite'), 0.01, us, '≤ 10 µs');
  upper(
    'authorize p50, Postgres',
    authorize('postgres'),
    1.3 * (selectOne ?? Number.NaN),
    (value) =>
      `${us(value)} (${selectOne === undefined ? '?' : (value / selectOne).toFixed(2)}x SELECT 1 at ${us(selectOne ?? Number.NaN)})`,
    '≤ 1.3x a bare SELECT 1 on the same pool',
  );
  const pairs = (store: StoreName) => results.invitations.find((row) => row.store === store)?.perSecond;
  for (const [store, floor] of [
    ['sqlite', 1000],
    ['postgres', 400],
  ] as const) {
    const value = pairs(store);
    const met = value !== undefined && value >= floor;
    rows.push({
      work: `invite + accept, sequential, ${store === 'sqlite' ? 'SQLite' : 'Postgres'}`,
      measured: value === undefined ? 'not measured' : `${value.toFixed(0)} pairs/s`,
      target: `≥ ${floor.toLocaleString('en')} pairs/s`,
      met: value === undefined ? null : met,
      miss: value === undefined || met ? '' : `${((value / floor) * 100).toFixed(0)}% of target`,
    });
  }
  const pure = results.pure.rows.find((row) => row.library.startsWith('orgkit'));
  rows.push({
    work: "pure `permissionMatrix.can(role, 'bots:update')`",
    measured: pure === undefined ? 'not measured' : `${pure.p50.toFixed(1)} ns (${pure.ratio.toFixed(2)}x the bitmask)`,
    target: 'at the bitmask reference (keep it there)',
    met: pure === undefined ? null : pure.ratio <= 1.5,
    miss: pure === undefined || pure.ratio <= 1.5 ? '' : `${pure.ratio.toFixed(1)}x the bitmask`,
  });
  return rows;
}
