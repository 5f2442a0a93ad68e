import type { MethodKey } from '../config/methods';

/**
 * Which methods the PyTorch export carries (python/methods/<key>.py): every self-supervised one. For each one it
 * does not, why: the export refuses those with the reason rather than shipping a cousin of the experiment.
 */
export const EXPORTED_METHODS = ['simclr', 'moco', 'byol', 'simsiam', 'barlowtwins', 'vicreg', 'swav', 'rotation', 'dino', 'jigsaw', 'context', 'mae', 'msn', 'inpainting', 'deepcluster'] as const satisfies readonly MethodKey[];
export type ExportedMethod = (typeof EXPORTED_METHODS)[number];

export const NOT_EXPORTED: Partial<Record<MethodKey, string>> = {
  supervised: 'supervised is the labelled reference, not a self-supervised experiment to export',
};

export function isExported(method: string): method is ExportedMethod {
  return (EXPORTED_METHODS as readonly string[]).includes(method);
}

/** Multi-crop's small crops beside a method's own views (augment.small_views in the export). */
const SMALL_CROP_KNOBS = ['smallCrops', 'smallSize', 'smallScaleMin', 'smallScaleMax'] as const;

/**
 * The knobs added after the export (config/addedKnobs.ts) that the exported project carries at every value, each
 * with a parity row (parity.test.ts): today all of them. A knob added later and not listed here exports only at
 * its default, which is what the method did before it; another value would export a cousin of the experiment,
 * so it is refused, named.
 */
export const CARRIED_ADDED_KNOBS: Partial<Record<MethodKey, readonly string[]>> = {
  moco: ['mocoHead', 'mocoAug', 'mocoSchedule'],
  byol: ['headNorm', ...SMALL_CROP_KNOBS],
  simclr: SMALL_CROP_KNOBS,
  barlowtwins: SMALL_CROP_KNOBS,
  vicreg: SMALL_CROP_KNOBS,
  deepcluster: SMALL_CROP_KNOBS,
  mae: ['pool'],
  msn: ['pool'],
};

export function carriesAddedKnob(method: MethodKey, knob: string): boolean {
  return (CARRIED_ADDED_KNOBS[method] ?? []).includes(knob);
}

/** A value a carried knob gained after the export was written, which the export does not carry yet. */
interface UncarriedValue {
  /** What the value does, in a few words. */
  what: string;
  /** The nearest thing the export does carry. */
  carries: string;
}

/**
 * Values of carried knobs that the exported project does not have yet, per method and knob: refused, named, as an
 * uncarried knob is. BYOL's gn-ws-all came after headNorm was ported; the export's model.py has GroupNorm + weight
 * standardisation in the heads only.
 */
export const UNCARRIED_VALUES: Partial<Record<MethodKey, Readonly<Record<string, Readonly<Record<string, UncarriedValue>>>>>> = {
  byol: { headNorm: { 'gn-ws-all': { what: 'GroupNorm + weight standardisation in the encoder too', carries: 'gn-ws in the heads' } } },
};

/** Why this knob value does not export, or null when it does (or is not a listed value). */
export function uncarriedValue(method: MethodKey, knob: string, value: unknown): UncarriedValue | null {
  return typeof value === 'string' ? (UNCARRIED_VALUES[method]?.[knob]?.[value] ?? null) : null;
}
