import type { KnobValue } from './knobs';

/**
 * The link and record format version (DESIGN.md "Public formats": `v`). Bump it whenever a default
 * changes or a knob is added, and write down here what the older versions meant for each field they
 * lacked, so an old link or stored run still decodes to the experiment it named.
 *
 * - v1 (no `v` in links): the eleven original augmentation knobs; a ConvNet without BatchNorm; Adam.
 * - v2 (issue 13): the RGB augmentation set (globalKnobs.ts AUG_V1_VALUES is what v1 meant by it).
 * - v3 (issue 11): the encoder's depth and BatchNorm (on by default) and the optimiser knobs
 *   (`optimizer`, `weightDecay`, `warmup`, `schedule`); v1 and v2 meant GLOBALS_BEFORE_V3.
 * - v4 (issue 11, defaults chosen by measurement): encoder width 32 for every method, and some methods'
 *   budgets and knobs (DEFAULTS_BEFORE_V4 lists what v1–v3 meant by them).
 * - v5 (issue 11, after the batched-matmul kernel made the ViT ~1.5× faster on WASM): MAE's budget and
 *   optimiser, DeepCluster's budget and k (DEFAULTS_BEFORE_V5 lists what v1–v4 meant by them).
 * - v6 (issue 11): inpainting hides an 8-px square at a random place instead of the central 14-px one
 *   (DEFAULTS_BEFORE_V6).
 * - v7 (issue 11): DINO's learning rate (DEFAULTS_BEFORE_V7).
 * - v8 (issue 11): MSN's projection head (1024 hidden, 256 out) and budget (200 steps) (DEFAULTS_BEFORE_V8).
 */
export const FORMAT_VERSION = 8;

/** What versions 1 and 2 trained with for the global fields added in v3: a BatchNorm-free 3-layer ConvNet, plain Adam. */
export const GLOBALS_BEFORE_V3 = { depth: 3, batchNorm: false, optimizer: 'adam', weightDecay: 0, warmup: 0, schedule: 'constant' } as const satisfies Record<string, KnobValue>;

/** Per method, the global and method knobs whose defaults a version changed, at the values older links meant. */
type DefaultsTable = Readonly<Record<string, { globals?: Record<string, KnobValue>; params?: Record<string, KnobValue> }>>;

/**
 * What a link before v4 meant by the defaults v4 changed, for the knobs it does not name: width 16 (SimCLR 32
 * from v3 on), and per method the global and method knobs whose defaults moved (config/methods/*.ts say why).
 */
export const DEFAULTS_BEFORE_V4: DefaultsTable = {
  byol: { globals: { lr: 0.001 } },
  dino: { params: { smallCrops: 6, teacherMomentum: 0.996 } },
  jigsaw: { globals: { steps: 500 } },
  mae: { params: { maskRatio: 0.75 } },
  moco: { globals: { steps: 500 } },
  msn: { globals: { steps: 500 } },
  rotation: { globals: { batch: 64 } },
  simclr: { globals: { lr: 0.001 } },
};

/** The v1–v3 values of the knobs v4's defaults changed, for a link of `version` and `method`. */
export function defaultsBeforeV4(method: string, version: number): { globals: Record<string, KnobValue>; params: Record<string, KnobValue> } {
  const width = method === 'simclr' && version === 3 ? 32 : 16;
  const entry = DEFAULTS_BEFORE_V4[method] ?? {};
  return { globals: { width, ...entry.globals }, params: { ...entry.params } };
}

/**
 * What a link before v5 meant by the defaults v5 changed (config/methods/*.ts say why). A link before v4 takes
 * these first, then DEFAULTS_BEFORE_V4 over them.
 */
export const DEFAULTS_BEFORE_V5: DefaultsTable = {
  deepcluster: { globals: { steps: 500 }, params: { k: 100 } },
  mae: { globals: { steps: 500, optimizer: 'adam', beta2: 0.999, weightDecay: 0, metricsEvery: 10, probeEvery: 100 }, params: { maskRatio: 0.25 } },
};

/** What a link before v6 meant by the defaults v6 changed (config/methods/inpainting.ts says why). */
export const DEFAULTS_BEFORE_V6: DefaultsTable = {
  inpainting: { params: { region: 'center', holeSize: 14 } },
};

/** What a link before v7 meant by the defaults v7 changed (config/methods/dino.ts says why). */
export const DEFAULTS_BEFORE_V7: DefaultsTable = {
  dino: { globals: { lr: 0.001 } },
};

/** What a link before v8 meant by the defaults v8 changed (config/methods/msn.ts says why). */
export const DEFAULTS_BEFORE_V8: DefaultsTable = {
  msn: { globals: { steps: 400 }, params: { projHidden: 128, projDim: 64 } },
};

/** The tables after v4, each with the version that changed those defaults, newest first. A new version adds its row here. */
const TABLES_SINCE_V5: readonly (readonly [number, DefaultsTable])[] = [
  [8, DEFAULTS_BEFORE_V8],
  [7, DEFAULTS_BEFORE_V7],
  [6, DEFAULTS_BEFORE_V6],
  [5, DEFAULTS_BEFORE_V5],
];

/**
 * The values a link of `version` and `method` meant for the knobs later versions' defaults changed (the
 * link's own values still win over them): each older version's table over the newer ones' (v1–v3:
 * DEFAULTS_BEFORE_V4 over DEFAULTS_BEFORE_V5 over DEFAULTS_BEFORE_V6 over DEFAULTS_BEFORE_V7 over DEFAULTS_BEFORE_V8), current links nothing.
 */
export function defaultsOfVersion(method: string, version: number): { globals: Record<string, KnobValue>; params: Record<string, KnobValue> } {
  const tables = TABLES_SINCE_V5.filter(([changedIn]) => version < changedIn).map(([, table]) => table[method] ?? {});
  if (version < 4) tables.push(defaultsBeforeV4(method, version));
  // Newest first, so each older table's values land over the newer ones'.
  return {
    globals: Object.assign({}, ...tables.map((t) => t.globals)),
    params: Object.assign({}, ...tables.map((t) => t.params)),
  };
}

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
 * A stored config (run record, in-progress run, queue) written before v3 lacks the v3 fields: it
 * trained with what versions 1 and 2 had. Fields it has are kept; anything that is not an object is
 * returned for the validator to refuse.
 */
export function withGlobalsBeforeV3(config: unknown): unknown {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return config;
  return { ...GLOBALS_BEFORE_V3, ...config };
}
