import { METHOD_SPECS, type MethodKey } from './methods';
import { GLOBAL_KNOBS } from './globalKnobs';
import { ADDED_VIT_KNOBS } from './methods/vitKnobs';
import type { Knob } from './knobs';

/**
 * Global knobs added after format v3 on the same terms as the method knobs below: their defaults are
 * what every run did before them (beta2 = 0.999: Adam's β2 was fixed), so a link or stored run without
 * them means the same experiment and no version is needed.
 */
export const ADDED_GLOBAL_KNOBS = ['beta2'] as const satisfies readonly (typeof GLOBAL_KNOBS)[number]['name'][];

/** A stored config with the added global knobs it lacks filled with their (behaviour-preserving) defaults. */
export function withAddedGlobalKnobs(input: Record<string, unknown>): Record<string, unknown> {
  const knobs = GLOBAL_KNOBS as readonly Knob[];
  const added = Object.fromEntries(ADDED_GLOBAL_KNOBS.flatMap((name) => (name in input ? [] : [[name, knobs.find((k) => k.name === name)!.default]])));
  return { ...added, ...input };
}

/**
 * Method knobs added after format v2 whose defaults are exactly what the method did before them (so
 * no version bump: DESIGN.md "Public formats"). A link without them decodes to the defaults anyway;
 * a stored run or queue entry without them gets them here, so it still validates and means what it
 * meant. A knob whose default changes behaviour must not be listed here: it needs a version.
 */
export const ADDED_METHOD_KNOBS: Partial<Record<MethodKey, readonly string[]>> = {
  moco: ['mocoHead', 'mocoAug', 'mocoSchedule'],
  byol: ['headNorm', 'smallCrops', 'smallSize', 'smallScaleMin', 'smallScaleMax'],
  simclr: ['smallCrops', 'smallSize', 'smallScaleMin', 'smallScaleMax'],
  barlowtwins: ['smallCrops', 'smallSize', 'smallScaleMin', 'smallScaleMax'],
  vicreg: ['smallCrops', 'smallSize', 'smallScaleMin', 'smallScaleMax'],
  deepcluster: ['smallCrops', 'smallSize', 'smallScaleMin', 'smallScaleMax'],
  mae: ADDED_VIT_KNOBS,
  msn: ADDED_VIT_KNOBS,
};

/** The method's knobs added without a version (their table entries, with the behaviour-preserving defaults). */
export function addedMethodKnobs(method: MethodKey): readonly Knob[] {
  const knobs = METHOD_SPECS[method].knobs as readonly Knob[];
  return (ADDED_METHOD_KNOBS[method] ?? []).flatMap((name) => knobs.filter((k) => k.name === name));
}

/** A stored config with the added knobs it lacks filled with their (behaviour-preserving) defaults. */
export function withAddedMethodKnobs(input: Record<string, unknown>): Record<string, unknown> {
  const method = input.method;
  const params = input.params;
  if (typeof method !== 'string' || !Object.prototype.hasOwnProperty.call(ADDED_METHOD_KNOBS, method)) return input;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return input;
  const added = Object.fromEntries(addedMethodKnobs(method as MethodKey).flatMap((k) => (k.name in params ? [] : [[k.name, k.default]])));
  return { ...input, params: { ...added, ...params } };
}
