import type { Check, Claim, FindingMetric } from './claims';

/** A finished run's numbers, as findings reads them from a run file. */
export interface RunSummary {
  claim: string;
  variant: string;
  seed: number;
  /** The run's `final` numbers (the metrics claims read, the references, per-fraction probe and fine-tune). */
  final: Partial<Record<string, number>>;
  wallSeconds: number;
  /**
   * CPU seconds the runner's process used for the run (process.cpuUsage). Node's WASM backend runs on
   * one thread, so this is close to the wall time the run takes on an idle machine, whatever else
   * shared the cores; absent in runs recorded before it was kept.
   */
  cpuSeconds?: number;
  query: string;
  /** The --set override the run was made with (a smaller budget than the defaults), if any. */
  set?: string;
  /**
   * The record this one repeats when a variant is exactly another claim's experiment (MAE's masking ratio 0.5
   * is its defaults run): the same config and seed train the same network, so it was copied, not re-run.
   */
  sameRunAs?: string;
}

export interface Stat {
  mean: number;
  /** Sample standard deviation over seeds (0 for one seed). */
  sd: number;
  n: number;
}

export function stat(values: number[]): Stat {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n === 0) return { mean: NaN, sd: NaN, n: 0 };
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}

/** A fraction as a percentage with one decimal, or a dash where nothing was measured. */
export const percent = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');

/** Later parts override earlier ones, name by name (a budget override after a claim's query). */
export function composeQuery(...parts: string[]): string {
  const q = new URLSearchParams();
  for (const part of parts) for (const [k, v] of new URLSearchParams(part)) q.set(k, v);
  return q.toString();
}

export type Verdict = 'reproduces' | 'partly' | 'does not reproduce' | 'not run';

/**
 * A check reproduces when `better` beats every `worse` by more than the larger of their seed spreads
 * (sd), partly when it beats each on the mean but not beyond the spread, or beats some and not others;
 * otherwise it does not. With one seed there is no spread: such a verdict is marked as one-seed.
 */
export function judge(check: Check, cell: (variant: string, metric: FindingMetric) => Stat): { verdict: Verdict; why: string } {
  const b = cell(check.better, check.metric);
  if (b.n === 0) return { verdict: 'not run', why: `${check.better} was not run` };
  const sign = check.lowerIsBetter ? -1 : 1;
  let clear = 0;
  let ahead = 0;
  const notes: string[] = [];
  let run = 0;
  for (const w of check.worse) {
    const s = cell(w, check.metric);
    if (s.n === 0) continue;
    run += 1;
    const gap = sign * (b.mean - s.mean);
    const spread = Math.max(b.sd, s.sd);
    if (gap > spread && gap > 0) clear += 1;
    if (gap > 0) ahead += 1;
    notes.push(`${check.better} − ${w} = ${fmt(check.metric, b.mean - s.mean)} (spread ${fmt(check.metric, spread)})`);
  }
  if (run === 0) return { verdict: 'not run', why: 'none of the compared variants was run' };
  const verdict: Verdict = clear === run ? 'reproduces' : ahead > 0 ? 'partly' : 'does not reproduce';
  return { verdict, why: `${check.metric}: ${notes.join('; ')}` };
}

const PERCENT = new Set<FindingMetric>(['probeAccuracy', 'knnAccuracy', 'baselineProbeAccuracy']);

function fmt(metric: FindingMetric, v: number): string {
  if (!Number.isFinite(v)) return '—';
  return PERCENT.has(metric) ? `${(v * 100).toFixed(1)} pt` : v.toFixed(4);
}

function cellText(metric: FindingMetric, s: Stat): string {
  if (s.n === 0) return 'not run';
  const scale = PERCENT.has(metric) ? 100 : 1;
  const digits = PERCENT.has(metric) ? 1 : metric === 'l2NormalizedStd' || metric === 'reconMse' ? 4 : 3;
  const unit = PERCENT.has(metric) ? '%' : '';
  return s.n > 1 ? `${(s.mean * scale).toFixed(digits)}${unit} ± ${(s.sd * scale).toFixed(digits)} (${s.n})` : `${(s.mean * scale).toFixed(digits)}${unit} (1 seed)`;
}

const METRIC_LABEL: Record<FindingMetric, string> = {
  probeAccuracy: 'linear probe',
  baselineProbeAccuracy: 'random-init probe',
  knnAccuracy: 'kNN',
  l2NormalizedStd: 'std of l2-normalised z',
  rankMe: 'RankMe',
  loss: 'final loss',
  reconMse: 'hidden-pixel MSE',
};

/** One claim's section: the claim, its paper, the commands, the table (mean ± sd over seeds) and the verdict. */
export function renderClaim(claim: Claim, runs: RunSummary[], budget: string): string {
  const mine = runs.filter((r) => r.claim === claim.id);
  const cell = (variant: string, metric: FindingMetric) => stat(mine.filter((r) => r.variant === variant).map((r) => r.final[metric] ?? NaN));
  const verdicts = claim.checks.map((c) => judge(c, cell));
  const overall: Verdict = verdicts.every((v) => v.verdict === 'not run')
    ? 'not run'
    : verdicts.every((v) => v.verdict === 'reproduces')
      ? 'reproduces'
      : verdicts.some((v) => v.verdict === 'reproduces' || v.verdict === 'partly')
        ? 'partly'
        : 'does not reproduce';
  const seeds = [...new Set(mine.map((r) => r.seed))].sort((a, b) => a - b);
  // The paper's number per row, where the claim quotes its table (paper value → ours at our scale).
  const paper = claim.paperValues;
  const lines = [
    `## ${claim.title}`,
    '',
    `<a id="${claim.id}"></a>**Claim.** ${claim.claim} — ${claim.paper}.`,
    '',
    `**Command.** \`npm run findings -- --only ${claim.id}\` (${budget}); one variant by hand: \`npm run train -- '${composeQuery(claim.base, claim.variants[0].query)}'\`.`,
    '',
    `| variant |${paper ? ' paper |' : ''} ${claim.metrics.map((m) => METRIC_LABEL[m]).join(' | ')} | wall s |`,
    `|---|${paper ? '---|' : ''}${claim.metrics.map(() => '---|').join('')}---|`,
    ...claim.variants.map((v) => {
      const wall = stat(mine.filter((r) => r.variant === v.label).map((r) => r.wallSeconds));
      return `| ${v.label} |${paper ? ` ${paper[v.label] ?? ''} |` : ''} ${claim.metrics.map((m) => cellText(m, cell(v.label, m))).join(' | ')} | ${wall.n ? wall.mean.toFixed(0) : '—'} |`;
    }),
    '',
    `**Verdict: ${overall}**${seeds.length ? ` (seeds ${seeds.join(', ')})` : ''}. ${verdicts.map((v) => v.why).join('. ')}.`,
    '',
    ...(claim.why && overall !== 'not run' ? [`**Why.** ${claim.why}`, ''] : []),
  ];
  return lines.join('\n');
}
