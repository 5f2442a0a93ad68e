import type { KnobValue } from '../config/knobs';
import type { FinalMetrics } from '../train/run';
import { FINAL_METRICS, type Cell, type Table } from './table';

/** Mean, min and max of each final metric over the runs that share one value of a knob (seeds). */
export interface ValueStats {
  knob: string;
  value: KnobValue;
  runs: number;
  stats: Record<string, { mean: number; min: number; max: number } | null>;
}

export function aggregateByValue(runs: readonly { values: Record<string, KnobValue>; final: FinalMetrics }[], knob: string): ValueStats[] {
  const groups = new Map<KnobValue, FinalMetrics[]>();
  for (const r of runs) {
    if (!(knob in r.values)) continue;
    const v = r.values[knob];
    groups.set(v, [...(groups.get(v) ?? []), r.final]);
  }
  return [...groups].map(([value, finals]) => ({
    knob,
    value,
    runs: finals.length,
    stats: Object.fromEntries(
      FINAL_METRICS.map((m) => {
        // A diverged run's NaN must not turn the whole group's mean into NaN: it counts as missing.
        const xs = finals.map((f) => f[m.key]).filter((x) => Number.isFinite(x));
        if (xs.length === 0) return [m.key, null];
        return [m.key, { mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) }];
      }),
    ),
  }));
}

/** Per value of each knob: one row each for mean, min and max (the rows of summary.csv after the runs). */
export function aggregateTable(groups: readonly ValueStats[]): Table {
  const columns: Table['columns'] = [
    { key: 'knob', title: 'knob', kind: 'text' },
    { key: 'value', title: 'value', kind: 'text' },
    { key: 'stat', title: 'stat', kind: 'text' },
    { key: 'runs', title: 'runs', kind: 'number' },
    ...FINAL_METRICS.map((m) => ({ key: m.key, title: m.title, kind: m.kind })),
  ];
  const rows: Record<string, Cell>[] = [];
  for (const g of groups) {
    for (const stat of ['mean', 'min', 'max'] as const) {
      const row: Record<string, Cell> = { knob: g.knob, value: String(g.value), stat, runs: g.runs };
      for (const m of FINAL_METRICS) row[m.key] = g.stats[m.key]?.[stat] ?? null;
      rows.push(row);
    }
  }
  return { columns, rows };
}

/**
 * summary.csv: one table, first column `row` = run, mean, min or max. Run rows are the results
 * table's; a mean/min/max row fills the knob's column with the value and the metrics with the stat.
 */
export function summaryCsvTable(runs: Table, groups: readonly ValueStats[]): Table {
  const columns = [{ key: 'row', title: 'row', kind: 'text' as const }, ...runs.columns];
  const rows: Record<string, Cell>[] = runs.rows.map((r) => ({ row: 'run', ...r }));
  for (const g of groups) {
    for (const stat of ['mean', 'min', 'max'] as const) {
      const row: Record<string, Cell> = { row: stat, label: `${g.knob}=${String(g.value)} (${g.runs} runs)`, [g.knob]: typeof g.value === 'number' ? g.value : String(g.value) };
      for (const m of FINAL_METRICS) row[m.key] = g.stats[m.key]?.[stat] ?? null;
      rows.push(row);
    }
  }
  return { columns, rows };
}
