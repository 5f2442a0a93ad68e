import type { KnobValue } from './knobs';

/**
 * The link and record format version (DESIGN.md "Public formats": `v`). Bump it whenever a default
 * changes or a knob is added, and write down here what the older version meant for each field it
 * lacked, so an old link or stored run still decodes to the experiment it named.
 *
 * Version 1 (up to issue 11) had no `v`: its links wrote every global knob it knew, and none of those
 * below. Version 2 added the encoder's depth and BatchNorm (on by default) and the optimiser knobs.
 */
export const FORMAT_VERSION = 2;

/** What version 1 trained with for the global fields it did not have: a BatchNorm-free ConvNet, plain Adam. */
export const V1_GLOBALS = { depth: 3, batchNorm: false, optimizer: 'adam', weightDecay: 0, warmup: 0, schedule: 'constant' } as const satisfies Record<string, KnobValue>;

/**
 * Every parameter a version-1 link wrote (method, dataset, backend, its global and augmentation knobs;
 * its method knobs too, not needed here): a link without `v` that has all of them came from version 1.
 * A hand-written query or a preset names a few and means today's defaults.
 */
export const V1_LINK_NAMES = [
  'method', 'dataset', 'backend',
  'seed', 'steps', 'batch', 'lr', 'n', 'width', 'probeTrain', 'probeTest', 'metricsEvery', 'probeEvery',
  'crop', 'cropMin', 'cropMax', 'flip', 'flipP', 'jitter', 'jitterStrength', 'blur', 'blurSigma', 'noise', 'noiseStd',
] as const;

/**
 * Fills a stored config written before `v` existed (a run record of version 1 lacks the version-2
 * fields) with what version 1 trained with. Anything else is returned unchanged for the validator.
 */
export function upgradeStoredConfig(config: unknown): unknown {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return config;
  const raw = config as Record<string, unknown>;
  if (Object.keys(V1_GLOBALS).some((k) => k in raw)) return config;
  return { ...raw, ...V1_GLOBALS };
}
