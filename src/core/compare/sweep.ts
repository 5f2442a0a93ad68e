import { GLOBAL_KNOBS } from '../config/globalKnobs';
import type { KnobValue } from '../config/knobs';
import type { MethodKey } from '../config/methods';
import { parseExperimentConfig, type ExperimentConfig } from '../config/schema';
import { allKnobs, clip, findKnob, withKnobValue } from './knobs';
import { parseValues } from './values';

/** Most runs one sweep or comparison link holds: enough for 4 values × 5 seeds, and a link stays short. */
export const MAX_RUNS = 32;
/** Seeds per setting, as the issue asks (1–5): beyond that a 2-core machine waits too long. */
export const MAX_SEEDS = 5;

/** One varied knob: its URL name and the values it takes, in order. */
export interface SweepAxis {
  knob: string;
  values: KnobValue[];
}

export interface SweepSpec {
  axes: SweepAxis[];
  /** Seeds each setting runs with; empty: the base config's seed only. */
  seeds: number[];
}

export interface SweepRun {
  config: ExperimentConfig;
  /** The value of each varied knob in this run, by knob name (seed included when seeds are given). */
  values: Record<string, KnobValue>;
}

export type SweepResult = { ok: true; runs: SweepRun[] } | { ok: false; errors: string[] };

/** The methods a sweep's runs use: the `method` axis's values, or the base's method. */
function sweepMethods(base: ExperimentConfig, axes: readonly { knob: string; spec?: string; values?: KnobValue[] }[]): MethodKey[] {
  const m = axes.find((a) => a.knob === 'method');
  return m?.values ? (m.values as MethodKey[]) : [base.method];
}

/** Names a sweep can vary for these methods (the knobs all of them share). */
export function sweepableKnobNames(methods: readonly MethodKey[]): string[] {
  const [first, ...rest] = methods;
  return allKnobs(first)
    .map((k) => k.knob.name)
    .filter((name) => rest.every((m) => findKnob(name, m) !== null));
}

/**
 * Reads `--vary` arguments (`knob=values`, values as in values.ts) against a base config. Every
 * problem is reported at once and names the knob and what it accepts: a batch job must fail before
 * it trains anything.
 */
export function parseSweepAxes(base: ExperimentConfig, vary: readonly string[]): { ok: true; axes: SweepAxis[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const pending = vary.map((arg) => {
    const eq = arg.indexOf('=');
    return eq > 0 ? { knob: arg.slice(0, eq).trim(), spec: arg.slice(eq + 1) } : { knob: arg.trim(), spec: null };
  });
  const axes: SweepAxis[] = [];
  // The method axis first: which methods run decides which method knobs exist.
  const ordered = [...pending.filter((p) => p.knob === 'method'), ...pending.filter((p) => p.knob !== 'method')];
  for (const p of ordered) {
    if (p.spec === null) {
      errors.push(`--vary ${clip(p.knob)} needs values: KNOB=v1,v2 or KNOB=lo..hi:count[:log]`);
      continue;
    }
    if (axes.some((a) => a.knob === p.knob)) {
      errors.push(`${clip(p.knob)} is varied twice`);
      continue;
    }
    const methods = sweepMethods(base, axes);
    const lacking = methods.filter((m) => findKnob(p.knob, m) === null);
    if (lacking.length > 0) {
      errors.push(`unknown knob "${clip(p.knob)}" for ${lacking.join(', ')}; knobs that can vary: ${sweepableKnobNames(methods).join(', ')}`);
      continue;
    }
    let values: KnobValue[] | null = null;
    for (const m of methods) {
      const r = parseValues(findKnob(p.knob, m)!.knob, p.spec);
      if (!r.ok) {
        errors.push(methods.length > 1 ? `${r.error} (for ${m})` : r.error);
        values = null;
        break;
      }
      values = r.values;
    }
    if (values) axes.push({ knob: p.knob, values });
  }
  return errors.length ? { ok: false, errors } : { ok: true, axes };
}

/** Reads `--seeds 1,2,3`. */
export function parseSeeds(spec: string): { ok: true; seeds: number[] } | { ok: false; error: string } {
  const seedKnob = GLOBAL_KNOBS.find((k) => k.name === 'seed')!;
  const r = parseValues(seedKnob, spec);
  if (!r.ok) return { ok: false, error: r.error.replace(/^seed=/, '--seeds ') };
  if (r.values.length > MAX_SEEDS) return { ok: false, error: `--seeds takes 1 to ${MAX_SEEDS} seeds (got ${r.values.length})` };
  return { ok: true, seeds: r.values as number[] };
}

export function sweepSize(spec: SweepSpec): number {
  return spec.axes.reduce((n, a) => n * a.values.length, 1) * Math.max(1, spec.seeds.length);
}

/**
 * The cross product of the axes (first axis outermost), each setting once per seed (seeds
 * innermost, so a sweep's first runs already cover the first value). The method axis is applied
 * before the others so method knobs land on the right method. Every run is validated as a whole.
 */
export function expandSweep(base: ExperimentConfig, spec: SweepSpec): SweepResult {
  const size = sweepSize(spec);
  if (size > MAX_RUNS) return { ok: false, errors: [`the sweep has ${size} runs; at most ${MAX_RUNS} (fewer values or seeds)`] };
  const axes = [...spec.axes].sort((a, b) => Number(b.knob === 'method') - Number(a.knob === 'method'));
  let settings: Record<string, KnobValue>[] = [{}];
  for (const axis of spec.axes) settings = settings.flatMap((s) => axis.values.map((v) => ({ ...s, [axis.knob]: v })));
  const seeds = spec.seeds.length ? spec.seeds : [null];
  const runs: SweepRun[] = [];
  const errors: string[] = [];
  for (const setting of settings) {
    for (const seed of seeds) {
      let config = base;
      for (const axis of axes) {
        const knob = findKnob(axis.knob, config.method);
        if (!knob) {
          errors.push(`${config.method} has no knob ${clip(axis.knob)}`);
          continue;
        }
        config = withKnobValue(config, knob, setting[axis.knob]);
      }
      const values = seed === null ? setting : { ...setting, seed };
      if (seed !== null) config = { ...config, seed };
      const parsed = parseExperimentConfig(config);
      if (!parsed.ok) errors.push(`run ${describeValues(values)}: ${parsed.errors.join('; ')}`);
      else runs.push({ config: parsed.config, values });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, runs };
}

export function describeValues(values: Record<string, KnobValue>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}
