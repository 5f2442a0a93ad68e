import { z } from 'zod';
import { DATASETS, DATASET_KEYS, type DatasetKey } from './datasets';
import { AUGMENT_KNOBS, GLOBAL_KNOBS } from './globalKnobs';
import { checkKnobValue, knobDefaults, type Knob, type KnobValue } from './knobs';
import { METHOD_KEYS, METHOD_SPECS, type MethodKey } from './methods';

/** `auto` tries WebGPU, then WebGL, then WASM, then CPU; anything else forces that backend. */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export interface AugmentConfig {
  crop: boolean;
  cropMin: number;
  cropMax: number;
  flip: boolean;
  flipP: number;
  jitter: boolean;
  jitterStrength: number;
  blur: boolean;
  blurSigma: number;
  noise: boolean;
  noiseStd: number;
}

/** The whole experiment. Serialisable; round-trips through the URL (see url.ts). */
export interface ExperimentConfig {
  method: MethodKey;
  dataset: DatasetKey;
  backend: BackendChoice;
  seed: number;
  steps: number;
  batch: number;
  lr: number;
  n: number;
  width: number;
  probeTrain: number;
  probeTest: number;
  metricsEvery: number;
  probeEvery: number;
  aug: AugmentConfig;
  /** The method's own knobs, by the names in METHOD_SPECS[method].knobs. */
  params: Record<string, KnobValue>;
}

export function methodKnobs(method: MethodKey): readonly Knob[] {
  return METHOD_SPECS[method].knobs;
}

export function defaultConfig(method: MethodKey = 'simclr'): ExperimentConfig {
  return {
    method,
    dataset: 'mnist',
    backend: 'auto',
    ...(knobDefaults(GLOBAL_KNOBS) as Omit<ExperimentConfig, 'method' | 'dataset' | 'backend' | 'aug' | 'params'>),
    aug: knobDefaults(AUGMENT_KNOBS) as unknown as AugmentConfig,
    params: knobDefaults(methodKnobs(method)),
  };
}

function knobField(knob: Knob): z.ZodType<KnobValue> {
  return z.unknown().transform((v, ctx) => {
    const r = checkKnobValue(knob, v);
    if ('error' in r) {
      ctx.addIssue({ code: 'custom', message: r.error });
      return z.NEVER;
    }
    return r.value;
  }) as unknown as z.ZodType<KnobValue>;
}

const globalShape = Object.fromEntries(GLOBAL_KNOBS.map((k) => [k.name, knobField(k)]));
const augShape = Object.fromEntries(AUGMENT_KNOBS.map((k) => [k.name, knobField(k)]));

/**
 * The validator for configs that cross a boundary (worker message, run file, IndexedDB). Unknown
 * keys are rejected (nanoGPT's configurator habit), cross-field limits are checked.
 */
export const experimentConfigSchema = z
  .object({
    method: z.enum(METHOD_KEYS as [MethodKey, ...MethodKey[]]),
    dataset: z.enum(DATASET_KEYS as [DatasetKey, ...DatasetKey[]]),
    backend: z.enum(BACKEND_CHOICES),
    ...globalShape,
    aug: z.object(augShape).strict(),
    params: z.record(z.string(), z.unknown()),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const knobs = methodKnobs(cfg.method);
    const names = new Set(knobs.map((k) => k.name));
    for (const key of Object.keys(cfg.params)) {
      if (!names.has(key)) ctx.addIssue({ code: 'custom', path: ['params', key], message: `${cfg.method} has no knob "${key}"` });
    }
    for (const knob of knobs) {
      const r = checkKnobValue(knob, cfg.params[knob.name]);
      if ('error' in r) ctx.addIssue({ code: 'custom', path: ['params', knob.name], message: r.error });
    }
    for (const problem of crossFieldProblems(cfg as unknown as ExperimentConfig)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  });

/** Limits that involve two fields. Returned, not thrown, so the URL decoder can repair them. */
export function crossFieldProblems(cfg: ExperimentConfig): { field: keyof ExperimentConfig | 'cropMin'; message: string }[] {
  const problems: { field: keyof ExperimentConfig | 'cropMin'; message: string }[] = [];
  const ds = DATASETS[cfg.dataset];
  if (ds && cfg.n + cfg.probeTrain + cfg.probeTest > ds.count) {
    problems.push({ field: 'n', message: `n + probeTrain + probeTest = ${cfg.n + cfg.probeTrain + cfg.probeTest} exceeds the ${ds.count} images of ${cfg.dataset}` });
  }
  if (cfg.batch > cfg.n) problems.push({ field: 'batch', message: `batch ${cfg.batch} is larger than the ${cfg.n} unlabelled images` });
  if (cfg.aug && cfg.aug.cropMin > cfg.aug.cropMax) problems.push({ field: 'cropMin', message: `cropMin ${cfg.aug.cropMin} is above cropMax ${cfg.aug.cropMax}` });
  return problems;
}

export type ParseResult = { ok: true; config: ExperimentConfig } | { ok: false; errors: string[] };

export function parseExperimentConfig(input: unknown): ParseResult {
  const r = experimentConfigSchema.safeParse(input);
  if (r.success) return { ok: true, config: r.data as unknown as ExperimentConfig };
  return { ok: false, errors: r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)) };
}

/** Largest unlabelled subset the dataset allows with the given probe sizes. */
export function maxUnlabelled(cfg: Pick<ExperimentConfig, 'dataset' | 'probeTrain' | 'probeTest'>): number {
  return DATASETS[cfg.dataset].count - cfg.probeTrain - cfg.probeTest;
}
