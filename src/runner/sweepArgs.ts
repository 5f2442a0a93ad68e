import { encodeComparison } from '../core/compare/link';
import { decodePageLink } from '../core/compare/pageLink';
import { expandSweep, parseSeeds, parseSweepAxes, type SweepAxis, type SweepRun } from '../core/compare/sweep';
import { findKnob, knobValue } from '../core/compare/knobs';
import { PRESETS, presetSweep } from '../core/compare/presets';
import type { ExperimentConfig } from '../core/config/schema';
import { RUNNER_BACKENDS, type RunnerBackend } from './args';

export const SWEEP_USAGE = `Usage: npm run sweep -- '<share link, query or comparison link>' | --preset KEY  --vary KNOB=VALUES [--vary …] [--seeds 1,2,3] --out DIR [--backend wasm|cpu|webgpu] [--quiet]

Runs every experiment of a sweep, one after another, with the same core as \`npm run train\`, and
writes DIR/run-NN.json for each plus DIR/summary.csv and DIR/summary.md (one row per run, then
mean/min/max per value of each varied knob). VALUES: a list (0.25,0.5,0.75), a linear range
(0.1..0.9:5) or a log range (1e-4..1e-2:3:log); toggles as 0,1; \`method\` itself can vary.
A comparison link is run as it is (add --seeds to repeat each run); --preset KEY runs one of the
"Experiments to try" (${PRESETS.map((p) => p.key).join(', ')}). Bad options exit with 2
before anything trains.`;

export interface SweepArgs {
  runs: SweepRun[];
  /** The varied knobs (summary.md and summary.csv give mean/min/max per value of each). */
  axes: SweepAxis[];
  out: string;
  backend: RunnerBackend;
  quiet: boolean;
}

/** Parses the command line; throws an Error listing every problem (the CLI exits 2 with it). */
export function parseSweepArgs(argv: string[]): SweepArgs {
  let input: string | null = null;
  let out: string | null = null;
  let backend: RunnerBackend | null = null;
  let seedsSpec: string | null = null;
  let quiet = false;
  let presetAxes: SweepAxis[] = [];
  const vary: string[] = [];
  const problems: string[] = [];
  const value = (i: number, a: string, name: string): [string | undefined, number] => (a === name ? [argv[i + 1], i + 1] : [a.slice(name.length + 1), i]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const opt = a.split('=')[0];
    if (opt === '--preset') {
      const [v, next] = value(i, a, opt);
      i = next;
      const preset = PRESETS.find((p) => p.key === v);
      if (!preset) problems.push(`--preset must be one of ${PRESETS.map((p) => p.key).join(', ')} (got ${v ?? 'nothing'})`);
      else if (input !== null) problems.push('give either a base experiment or --preset');
      else {
        const sweep = presetSweep(preset);
        input = encodeComparison(sweep.configs);
        presetAxes = sweep.axes;
      }
    } else if (opt === '--vary' || opt === '--seeds' || opt === '--out' || opt === '--backend') {
      const [v, next] = value(i, a, opt);
      i = next;
      if (!v) problems.push(`${opt} needs a value`);
      else if (opt === '--vary') vary.push(v);
      else if (opt === '--seeds') seedsSpec = v;
      else if (opt === '--out') out = v;
      else if ((RUNNER_BACKENDS as readonly string[]).includes(v)) backend = v as RunnerBackend;
      else problems.push(`--backend must be one of ${RUNNER_BACKENDS.join(', ')} (got ${v})`);
    } else if (a === '--quiet' || a === '-q') quiet = true;
    else if (a === '--help' || a === '-h') throw new Error(SWEEP_USAGE);
    else if (a.startsWith('--')) problems.push(`unknown option ${a}`);
    else if (input === null) input = a;
    else problems.push(`only one base experiment (got a second: ${a})`);
  }
  if (!out) problems.push('--out DIR is needed (the run files and summaries go there)');
  const link = decodePageLink(input ?? '');
  const comparison = link.runs !== null;
  const decoded = link.runs ? { configs: link.runs } : null;
  const baseConfig = link.base;
  for (const n of link.notices) problems.push(`invalid experiment: ${n}`);
  if (comparison && vary.length > 0) problems.push('a comparison link already lists its runs: give either a comparison link or --vary');
  if (!comparison && vary.length === 0) problems.push('nothing to sweep: give --vary KNOB=VALUES');
  let seeds: number[] = [];
  if (seedsSpec !== null) {
    const s = parseSeeds(seedsSpec);
    if (s.ok) seeds = s.seeds;
    else problems.push(s.error);
  }
  const axes = parseSweepAxes(baseConfig, vary);
  if (!axes.ok) problems.push(...axes.errors);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  let runs: SweepRun[];
  const axisList = axes.ok && axes.axes.length ? axes.axes : presetAxes;
  if (decoded) {
    // A preset's runs carry the values of its varied knobs, so the summary groups by them.
    const valuesOf = (config: ExperimentConfig) =>
      Object.fromEntries(presetAxes.flatMap((a) => {
        const k = findKnob(a.knob, config.method);
        return k ? [[a.knob, knobValue(config, k)]] : [];
      }));
    runs = decoded.configs.flatMap((config) =>
      seeds.length ? seeds.map((seed) => ({ config: { ...config, seed }, values: { ...valuesOf(config), seed } })) : [{ config, values: valuesOf(config) }],
    );
  } else {
    const expanded = expandSweep(baseConfig, { axes: axisList, seeds });
    if (!expanded.ok) throw new Error(expanded.errors.join('\n'));
    runs = expanded.runs;
  }
  const first = runs[0]?.config.backend;
  backend ??= first === 'cpu' || first === 'webgpu' ? first : 'wasm';
  // Seeds repeat a setting; they are not a value to summarise by.
  return { runs, axes: axisList, out: out!, backend, quiet };
}
