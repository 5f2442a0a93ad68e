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

/**
 * The knobs added after the export (config/addedKnobs.ts) that the exported project carries at every value, with a
 * parity row each (parity.test.ts). The other added knobs export only at their defaults, which are what the
 * methods did before them; another value would export a cousin of the experiment, so it is refused.
 */
export const CARRIED_ADDED_KNOBS: Partial<Record<MethodKey, readonly string[]>> = {
  moco: ['mocoHead', 'mocoAug', 'mocoSchedule'],
  simclr: ['smallCrops', 'smallSize', 'smallScaleMin', 'smallScaleMax'],
  byol: ['headNorm'],
  mae: ['pool'],
  msn: ['pool'],
};

export function carriesAddedKnob(method: MethodKey, knob: string): boolean {
  return (CARRIED_ADDED_KNOBS[method] ?? []).includes(knob);
}
