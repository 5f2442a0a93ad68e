import { z } from 'zod';
import { builtInSpec, DATASET_KEYS, isDatasetKey, type DatasetKey } from './datasets';
import { AUG_V1_VALUES, AUGMENT_KNOBS, GLOBAL_KNOBS } from './globalKnobs';
import { LEGACY_EVAL } from './evalKnobs';
import { withAddedGlobalKnobs, withAddedMethodKnobs } from './addedKnobs';
import { withGlobalsBeforeV3 } from './versions';
import { checkKnobValue, knobDefaults, type Knob, type KnobValue, type KnobValues, type ValueOf } from './knobs';
import { METHOD_KEYS, METHOD_SPECS, type MethodKey } from './methods';
import type { MethodSpec } from './methods/types';

/** `auto` tries WebGPU, then WebGL, then WASM, then CPU; anything else forces that backend. */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export function methodKnobs(method: MethodKey): readonly Knob[] {
  return METHOD_SPECS[method].knobs;
}

/** The augmentation panel's values, typed from its knob table. */
export type AugmentConfig = KnobValues<typeof AUGMENT_KNOBS>;

/** A zod field per knob, checked by the knob's own rules (checkKnobValue) so messages match the URL codec's. */
function knobField<K extends Knob>(knob: K): z.ZodType<ValueOf<K>> {
  return z.custom<ValueOf<K>>((v) => !('error' in checkKnobValue(knob, v)), {
    error: (issue) => {
      const r = checkKnobValue(knob, issue.input);
      return 'error' in r ? r.error : undefined;
    },
  });
}

type KnobShape<T extends readonly Knob[]> = { [K in T[number] as K['name']]: z.ZodType<ValueOf<K>> };

function knobShape<const T extends readonly Knob[]>(knobs: T): KnobShape<T> {
  return Object.fromEntries(knobs.map((k) => [k.name, knobField(k)])) as KnobShape<T>;
}

/**
 * The validator for configs that cross a boundary (worker message, run file, IndexedDB). Unknown
 * keys are rejected (nanoGPT's configurator habit), cross-field limits are checked.
 */
export const experimentConfigSchema = z.preprocess(
  withLegacyFields,
  z
  .object({
    method: z.enum(METHOD_KEYS as [MethodKey, ...MethodKey[]]),
    dataset: z.custom<DatasetKey>((v) => typeof v === 'string' && isDatasetKey(v), {
      error: `dataset must be one of ${DATASET_KEYS.join(', ')}, cifar10 or own-<16 hex digits>`,
    }),
    backend: z.enum(BACKEND_CHOICES),
    ...knobShape(GLOBAL_KNOBS),
    // A run stored before format v2 lacks the v2 knobs: it ran with their v1 values.
    aug: z.preprocess((v) => (typeof v === 'object' && v !== null ? { ...AUG_V1_VALUES, ...v } : v), z.object(knobShape(AUGMENT_KNOBS)).strict()),
    // The method's own knobs, by the names in METHOD_SPECS[method].knobs: checked per knob below,
    // where the method is known; a method's code reads them typed (knobValues, methods/define.ts).
    params: z.record(z.string(), z.custom<KnobValue>()),
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
    for (const problem of crossFieldProblems(cfg)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  }),
);

/** Limits that involve two fields. Returned, not thrown, so the URL decoder can repair them. */
export function crossFieldProblems(cfg: ExperimentConfig): { field: keyof ExperimentConfig | 'cropMin'; message: string }[] {
  const problems: { field: keyof ExperimentConfig | 'cropMin'; message: string }[] = [];
  const ds = builtInSpec(cfg.dataset);
  if (ds && cfg.n + cfg.probeTrain + cfg.probeTest > ds.count) {
    problems.push({ field: 'n', message: `n + probeTrain + probeTest = ${cfg.n + cfg.probeTrain + cfg.probeTest} exceeds the ${ds.count} images of ${cfg.dataset}` });
  }
  if (cfg.batch > cfg.n) problems.push({ field: 'batch', message: `batch ${cfg.batch} is larger than the ${cfg.n} unlabelled images` });
  const evalDs = cfg.evalDataset === 'same' ? null : builtInSpec(cfg.evalDataset);
  if (evalDs && cfg.probeTrain + cfg.probeTest > evalDs.count) {
    problems.push({ field: 'evalDataset', message: `probeTrain + probeTest = ${cfg.probeTrain + cfg.probeTest} exceeds the ${evalDs.count} images of ${cfg.evalDataset}, the evaluation dataset` });
  }
  if (cfg.aug && cfg.aug.cropMin > cfg.aug.cropMax) problems.push({ field: 'cropMin', message: `cropMin ${cfg.aug.cropMin} is above cropMax ${cfg.aug.cropMax}` });
  return problems;
}

/** The whole experiment, as the schema above accepts it. Serialisable; round-trips through the URL (see url.ts). */
export type ExperimentConfig = z.output<typeof experimentConfigSchema>;

export function defaultConfig(method: MethodKey = 'simclr'): ExperimentConfig {
  return {
    method,
    dataset: 'mnist',
    backend: 'auto',
    ...knobDefaults(GLOBAL_KNOBS),
    ...(METHOD_SPECS[method] as MethodSpec).globalDefaults,
    aug: knobDefaults(AUGMENT_KNOBS),
    params: knobDefaults(methodKnobs(method)),
  };
}

export type ParseResult = { ok: true; config: ExperimentConfig } | { ok: false; errors: string[] };

export function parseExperimentConfig(input: unknown): ParseResult {
  const r = experimentConfigSchema.safeParse(input);
  if (r.success) return { ok: true, config: r.data };
  return { ok: false, errors: r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)) };
}

/**
 * A subset-size knob (n, probeTrain, probeTest) with its upper bound narrowed to what the chosen
 * dataset leaves once the other two sizes are taken; any other knob as it is. The controls show
 * these ranges, so MNIST's 10,000 and Fashion-MNIST's 70,000 images each get their own.
 */
export function withDatasetRange<K extends Knob>(knob: K, cfg: Pick<ExperimentConfig, 'dataset' | 'n' | 'probeTrain' | 'probeTest'>, count = builtInSpec(cfg.dataset)?.count): K {
  if (count === undefined || knob.kind !== 'int' || !(knob.name === 'n' || knob.name === 'probeTrain' || knob.name === 'probeTest')) return knob;
  const others = cfg.n + cfg.probeTrain + cfg.probeTest - cfg[knob.name];
  return { ...knob, max: Math.max(knob.min, Math.min(knob.max, count - others)) };
}

/**
 * A stored config from before the evaluation knobs (evalKnobs.ts), the v3 encoder and optimiser
 * knobs (versions.ts) or the added global and method knobs (addedKnobs.ts) gets the values it meant then.
 */
function withLegacyFields(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  return withAddedMethodKnobs(withAddedGlobalKnobs(withGlobalsBeforeV3({ ...LEGACY_EVAL, ...input }) as Record<string, unknown>));
}

/** Largest unlabelled subset the dataset allows with the given probe sizes. */
export function maxUnlabelled(cfg: Pick<ExperimentConfig, 'dataset' | 'probeTrain' | 'probeTest'>): number {
  // A user's dataset is checked against its real size when it loads.
  return (builtInSpec(cfg.dataset)?.count ?? Infinity) - cfg.probeTrain - cfg.probeTest;
}
