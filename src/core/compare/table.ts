import { formatKnobValue, type KnobValue } from '../config/knobs';
import type { ExperimentConfig } from '../config/schema';
import type { FinalMetrics, RunRecord } from '../train/run';
import { findKnob, knobValue } from './knobs';
import { differingKnobs } from './labels';

/**
 * The results table of a comparison or sweep: one row per run, the same columns in the page, in
 * summary.csv/summary.md and in the table's CSV and Markdown export.
 */
export type Cell = string | number | null;
export interface Column {
  key: string;
  title: string;
  /** How a value reads: fractions as percentages, numbers with four significant digits. */
  kind: 'text' | 'number' | 'percent';
  /** A config column (hidden by "differences only" when every run has the same value). */
  config?: boolean;
}
export interface Table {
  columns: Column[];
  rows: Record<string, Cell>[];
}

export type ComparedRecord = Pick<RunRecord, 'config' | 'backend' | 'wallSeconds' | 'outcome' | 'final' | 'history'>;

/** Final metrics every run reports, in the order the table shows them. */
export const FINAL_METRICS: readonly { key: keyof FinalMetrics & string; title: string; kind: 'number' | 'percent' }[] = [
  { key: 'loss', title: 'final loss', kind: 'number' },
  { key: 'probeAccuracy', title: 'probe', kind: 'percent' },
  { key: 'knnAccuracy', title: 'kNN', kind: 'percent' },
  { key: 'l2NormalizedStd', title: 'std', kind: 'number' },
  { key: 'rankMe', title: 'RankMe', kind: 'number' },
  { key: 'baselineProbeAccuracy', title: 'random-init probe', kind: 'percent' },
];

/** Metrics only some runs report (fine-tuning is off by default): a column when any run has one. */
export const OPTIONAL_METRICS: readonly { key: string; title: string; kind: 'percent' }[] = [
  { key: 'finetuneAccuracy', title: 'fine-tune', kind: 'percent' },
  { key: 'baselineFinetuneAccuracy', title: 'random-init fine-tune', kind: 'percent' },
];

/**
 * Where a run was evaluated: `same` on its own dataset, else "pretrain → eval (cross-domain)", or
 * "(same domain)" when evalDataset names the training dataset itself.
 */
export function evaluationDomain(cfg: ExperimentConfig): string {
  if (cfg.evalDataset === 'same') return 'same';
  return `${cfg.dataset} → ${cfg.evalDataset} (${cfg.evalDataset === cfg.dataset ? 'same' : 'cross'}-domain)`;
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function configCell(cfg: ExperimentConfig, name: string): Cell {
  const k = findKnob(name, cfg.method);
  if (!k) return null;
  const v: KnobValue = knobValue(cfg, k);
  return typeof v === 'number' ? v : formatKnobValue(k.knob, v);
}

function lastStep(r: ComparedRecord): number {
  return r.history.reduce((m, h) => Math.max(m, h.step), 0);
}

/**
 * Label, method, the knobs that differ, steps, batch, backend, wall time and the final metrics.
 * With differencesOnly, config columns whose value is the same in every run are left out.
 */
export function resultsTable(runs: readonly { label: string; record: ComparedRecord }[], differencesOnly = false): Table {
  const configs = runs.map((r) => r.record.config);
  const differing = differingKnobs(configs);
  const configNames = ['method', ...differing.filter((n) => !['method', 'steps', 'batch', 'backend'].includes(n)), 'steps', 'batch'];
  const columns: Column[] = [{ key: 'label', title: 'run', kind: 'text' }];
  for (const name of configNames) {
    if (differencesOnly && !differing.includes(name)) continue;
    columns.push({ key: name, title: name, kind: name === 'method' ? 'text' : 'number', config: true });
  }
  const backends = new Set(runs.map((r) => r.record.backend));
  if (!differencesOnly || backends.size > 1) columns.push({ key: 'backend', title: 'backend', kind: 'text', config: true });
  columns.push({ key: 'stepsDone', title: 'steps done', kind: 'number' }, { key: 'outcome', title: 'outcome', kind: 'text' }, { key: 'wallSeconds', title: 'wall s', kind: 'number' });
  // Transfer runs say where they were evaluated, same- or cross-domain.
  const transfer = configs.some((c) => c.evalDataset !== 'same');
  if (transfer) columns.push({ key: 'evaluatedOn', title: 'evaluated on', kind: 'text', config: true });
  const optional = OPTIONAL_METRICS.filter((m) => runs.some((r) => finite(r.record.final[m.key]) !== null));
  for (const m of [...FINAL_METRICS, ...optional]) columns.push({ key: m.key, title: m.title, kind: m.kind });
  const rows = runs.map(({ label, record }) => {
    const row: Record<string, Cell> = { label, backend: record.backend, stepsDone: lastStep(record), outcome: record.outcome, wallSeconds: finite(record.wallSeconds) };
    for (const name of configNames) row[name] = configCell(record.config, name);
    for (const m of [...FINAL_METRICS, ...optional]) row[m.key] = finite(record.final[m.key]);
    if (transfer) row.evaluatedOn = evaluationDomain(record.config);
    return row;
  });
  // Enum values like "block" stay text; numbers read as numbers.
  for (const c of columns) if (c.config && rows.some((r) => typeof r[c.key] === 'string')) c.kind = 'text';
  return { columns, rows };
}

/** Sorts rows by a column; nulls (no value) last in either direction. Stable. */
export function sortRows(rows: readonly Record<string, Cell>[], key: string, dir: 'asc' | 'desc'): Record<string, Cell>[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const x = a.row[key];
      const y = b.row[key];
      if (x === null || x === undefined) return y === null || y === undefined ? a.i - b.i : 1;
      if (y === null || y === undefined) return -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map((x) => x.row);
}

/** Values as files hold them: numbers in full, fractions as fractions (DESIGN.md: accuracies in [0, 1]). */
function rawCell(v: Cell): string {
  return v === null || v === undefined ? '' : String(v);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvField(c.title)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(rawCell(row[c.key]))).join(','));
  return lines.join('\n') + '\n';
}

/** Display form shared by Markdown and the page: percentages with one decimal, four significant digits. */
export function displayCell(v: Cell, kind: Column['kind']): string {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number') return v;
  if (kind === 'percent') return `${(v * 100).toFixed(1)}%`;
  return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

export function toMarkdown(table: Table): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [`| ${table.columns.map((c) => esc(c.title)).join(' | ')} |`, `|${table.columns.map((c) => (c.kind === 'text' ? '---' : '---:')).join('|')}|`];
  for (const row of table.rows) lines.push(`| ${table.columns.map((c) => esc(displayCell(row[c.key], c.kind))).join(' | ')} |`);
  return lines.join('\n') + '\n';
}
