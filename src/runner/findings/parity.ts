import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Issue 11's learning-curve parity: links trained by the headless runner (tfjs) and by their PyTorch
 * export with the same protocol (bench/parity/curves.ts, `npm run parity`), rendered side by side.
 */

/**
 * The links compared: the default SimCLR and one ViT method for 1,000 steps (issue 11), and the two methods
 * whose probe fell as they trained at link format v4's defaults (MSN, before v8's wide head; DeepCluster,
 * before v5's k = 10), at those defaults' steps: is the fall the method's at this scale, or the app's?
 */
export const PARITY_RUNS: readonly { id: string; link: string }[] = [
  { id: 'simclr', link: 'method=simclr&steps=1000&probeEvery=250' },
  { id: 'mae', link: 'v=4&method=mae&steps=1000&probeEvery=250' },
  { id: 'msn', link: 'v=4&method=msn&probeEvery=100' },
  { id: 'deepcluster', link: 'v=4&method=deepcluster&probeEvery=100' },
];

/** One implementation's run, cut down to what the table shows. */
export interface ParityCurve {
  backend: string;
  wallSeconds: number;
  /** Probe readings in step order; step 0 is the random-init encoder. */
  probes: { step: number; probeAccuracy: number; knnAccuracy?: number }[];
  /** Mean loss over the last LOSS_WINDOW recorded steps before each probe step (the loss is noisy step to step). */
  losses: { step: number; loss: number }[];
}

export interface ParityRecord {
  id: string;
  link: string;
  /** The link's full query (every knob), as exported. */
  query: string;
  tfjs: ParityCurve;
  /** The export from PyTorch's own initial draw (same seed, another random stream). */
  pytorch: ParityCurve;
  /** The export from the app's initial weights (`--init-from`): what is left is the implementations' difference. */
  pytorchAppInit: ParityCurve;
}

/**
 * Probe points two runs can differ by at one reading by chance alone: one reading on 1,000 test images at
 * about 75% has a binomial sd of 1.4 points, and the two sides draw their augmentations and batches from
 * different streams even from the same weights.
 */
const CHANCE_POINTS = 3;

/** Loss rows averaged for each probe step's loss. */
const LOSS_WINDOW = 5;

interface RunJson {
  backend: string;
  wallSeconds: number;
  history: ({ step: number; loss?: number; probeAccuracy?: number; knnAccuracy?: number })[];
  /** The PyTorch export keeps the random-init probe here rather than in a step-0 row. */
  final?: { baselineProbeAccuracy?: number; baselineKnnAccuracy?: number };
}

/** A run JSON (the app's, the runner's or the PyTorch export's: one format) to its parity curve. */
export function toParityCurve(run: RunJson): ParityCurve {
  const probes = run.history
    .filter((r) => typeof r.probeAccuracy === 'number')
    .map((r) => ({ step: r.step, probeAccuracy: r.probeAccuracy!, ...(typeof r.knnAccuracy === 'number' ? { knnAccuracy: r.knnAccuracy } : {}) }));
  const init = run.final?.baselineProbeAccuracy;
  if (!probes.some((p) => p.step === 0) && typeof init === 'number') {
    const knn = run.final?.baselineKnnAccuracy;
    probes.unshift({ step: 0, probeAccuracy: init, ...(typeof knn === 'number' ? { knnAccuracy: knn } : {}) });
  }
  const lossRows = run.history.filter((r): r is { step: number; loss: number } => typeof r.loss === 'number' && Number.isFinite(r.loss));
  const losses = probes.flatMap((p) => {
    const window = lossRows.filter((r) => r.step <= p.step).slice(-LOSS_WINDOW);
    return p.step > 0 && window.length > 0 ? [{ step: p.step, loss: window.reduce((s, r) => s + r.loss, 0) / window.length }] : [];
  });
  return { backend: run.backend, wallSeconds: run.wallSeconds, probes, losses };
}

/** What bench/parity/simclr_torch.py prints (the PyTorch-only encoder study that chose width 32). */
interface TorchCurve {
  method: string;
  width: number;
  bn: number;
  batch: number;
  lr: number;
  pixelProbeAccuracy: number;
  pcaProbeAccuracy: number;
  curve: { step: number; probeAccuracy: number }[];
}

const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);

function readJson<T>(dir: string, prefix: (f: string) => boolean): T[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && prefix(f))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as T);
}

/** bench/parity/simclr_torch.py's curves (torch-*.json) share the folder with the parity records. */
const isEncoderStudy = (file: string) => file.startsWith('torch-');

/** The parity records in `dir` (`npm run parity`'s output), in PARITY_RUNS order, links no longer listed last. */
export function readParityRecords(dir: string): ParityRecord[] {
  if (!existsSync(dir)) return [];
  const order = (id: string) => {
    const at = PARITY_RUNS.findIndex((r) => r.id === id);
    return at < 0 ? PARITY_RUNS.length : at;
  };
  return readJson<ParityRecord>(dir, (f) => !isEncoderStudy(f)).sort((a, b) => order(a.id) - order(b.id));
}

/** Largest |a − b| in probe points over the steps both curves read (undefined when they share none). */
export function largestProbeGap(a: ParityCurve, b: ParityCurve): { points: number; step: number } | undefined {
  let worst: { points: number; step: number } | undefined;
  for (const p of a.probes) {
    const q = b.probes.find((x) => x.step === p.step);
    if (!q) continue;
    const points = Math.abs(p.probeAccuracy - q.probeAccuracy) * 100;
    if (!worst || points > worst.points) worst = { points, step: p.step };
  }
  return worst;
}

/** What the three curves say: the implementations' gap (same initial weights) beside the initial draw's. */
function gapSentence(r: ParityRecord): string {
  const same = largestProbeGap(r.tfjs, r.pytorchAppInit);
  const own = largestProbeGap(r.tfjs, r.pytorch);
  // Two PyTorch runs of the same code from different weights: the yardstick for "differ".
  const torch = largestProbeGap(r.pytorchAppInit, r.pytorch);
  if (!same || !own || !torch) return '';
  const at = (g: { points: number; step: number }) => `${g.points.toFixed(1)} points (step ${g.step})`;
  const verdict =
    same.points <= CHANCE_POINTS
      ? own.points > 2 * CHANCE_POINTS
        ? `The implementations agree (within the ${CHANCE_POINTS} points one probe reading can move by chance); what moves the curve is the initial draw.`
        : `The implementations agree (within the ${CHANCE_POINTS} points one probe reading can move by chance).`
      : same.points <= torch.points
        ? `That is no more than two PyTorch runs from different weights differ by (${at(torch)}): no sign of an implementation difference.`
        : `That is more than two PyTorch runs from different weights differ by (${at(torch)}); one run each, so a hint to follow up, not a verdict.`;
  return `from the same initial weights the two implementations' probes differ by at most ${at(same)}; from PyTorch's own initial draw by up to ${at(own)}. ${verdict}`;
}

const CURVES = (r: ParityRecord): [string, ParityCurve][] => [
  ['tfjs (the app)', r.tfjs],
  ['PyTorch export, app’s initial weights', r.pytorchAppInit],
  ['PyTorch export, own initial weights', r.pytorch],
];

/** The probe steps of a record's three curves together. */
const stepsOf = (r: ParityRecord) => [...new Set(CURVES(r).flatMap(([, c]) => c.probes.map((p) => p.step)))].sort((a, b) => a - b);

/** One table for records probed at the same steps (kNN and loss at the last of them). */
function table(records: ParityRecord[], steps: number[]): string[] {
  const last = steps[steps.length - 1];
  const row = (r: ParityRecord, name: string, c: ParityCurve) => {
    const at = (s: number) => pct(c.probes.find((p) => p.step === s)?.probeAccuracy);
    const loss = c.losses.find((l) => l.step === last)?.loss;
    return `| ${r.id} | ${name} | ${steps.map(at).join(' | ')} | ${pct(c.probes.find((p) => p.step === last)?.knnAccuracy)} | ${loss === undefined ? '—' : loss.toFixed(3)} | ${Math.round(c.wallSeconds)} |`;
  };
  return [
    `| link | implementation | ${steps.map((s) => `step ${s}`).join(' | ')} | kNN at ${last} | loss at ${last} | wall s |`,
    `|---|---|${steps.map(() => '---|').join('')}---|---|---|`,
    ...records.flatMap((r) => CURVES(r).map(([name, c]) => row(r, name, c))),
    '',
  ];
}

function sideBySide(records: ParityRecord[]): string[] {
  if (records.length === 0) return [];
  const groups = new Map<string, ParityRecord[]>();
  for (const r of records) groups.set(stepsOf(r).join(','), [...(groups.get(stepsOf(r).join(',')) ?? []), r]);
  return [
    '`npm run parity` (bench/parity/curves.ts): each link trained by the headless runner (tfjs, WASM, one thread) and by',
    'its PyTorch export (`npm run export`: the same splits, augmentations, model, loss, optimiser and probe; PyTorch 1.13,',
    'one thread), once from the app’s initial weights (`--init-from`) and once from PyTorch’s own draw. Linear probe on',
    '1,000 labelled images at each step (step 0 is the random-init encoder); kNN, and the loss as the mean of the last',
    `${LOSS_WINDOW} readings, at the last step. The augmentations and batches come from each side’s own random stream.`,
    '',
    ...[...groups.values()].flatMap((group) => table(group, stepsOf(group[0]))),
    ...records.map((r) => `- ${r.id}: ${gapSentence(r)} The app's run: \`npm run train -- '${r.link}'\` (every knob of it in docs/findings/parity/${r.id}.json).`),
    '',
  ];
}

function encoderStudy(curves: TorchCurve[]): string[] {
  if (curves.length === 0) return [];
  const steps = [...new Set(curves.flatMap((c) => c.curve.map((p) => p.step)))].sort((a, b) => a - b);
  return [
    'The encoder study behind the default width and BatchNorm (PyTorch only, run while the app’s encoder had neither):',
    '`/usr/bin/python3 bench/parity/simclr_torch.py --width W --steps 500 --at 0,250,500` (the app’s encoder, projector,',
    'augmentations, NT-Xent and probe; its own random split of the same 10,000 digits).',
    '',
    `| run | ${steps.map((s) => `step ${s}`).join(' | ')} | raw pixels | PCA (as many components as features) |`,
    `|---|${steps.map(() => '---|').join('')}---|---|`,
    ...curves.map((c) => {
      const at = (s: number) => pct(c.curve.find((p) => p.step === s)?.probeAccuracy);
      return `| PyTorch ${c.method}, width ${c.width}, BatchNorm ${c.bn ? 'on' : 'off'}, batch ${c.batch}, lr ${c.lr} | ${steps.map(at).join(' | ')} | ${pct(c.pixelProbeAccuracy)} | ${pct(c.pcaProbeAccuracy)} |`;
    }),
    '',
  ];
}

/** The parity section of FINDINGS.md from the records in `dir` (empty when there are none). */
export function renderParity(dir: string): string {
  if (!existsSync(dir)) return '';
  const records = readParityRecords(dir);
  const study = readJson<TorchCurve>(dir, isEncoderStudy);
  if (records.length === 0 && study.length === 0) return '';
  return ['', '## Learning-curve parity with PyTorch', '', ...sideBySide(records), ...encoderStudy(study)].join('\n');
}
