import type { KnobValues, Knob } from '../knobs';

/**
 * Multi-crop (Caron et al. 2020, SwAV §3.2; reused by DINO, Caron et al. 2021 §3.1): two global crops
 * at full resolution plus N small low-resolution crops. The knobs have the same names and meaning in
 * every method that crops this way (swav, dino); only their help text cites that method's paper.
 * Multi-crop replaces the augmentation panel's crop (cropMin/cropMax); flip, jitter, blur and noise
 * still apply to every crop. The ConvNet pools globally, so small crops need no other change.
 */
export interface MultiCropPaperValues {
  /** e.g. "SwAV: 6 crops of 96 px". */
  smallCrops: string;
  globalScaleMin: string;
  smallScale: string;
}

export interface MultiCropDefaults {
  smallCrops: number;
  smallSize: number;
  smallScale: [number, number];
  /** Why this method's defaults are what they are, appended to the small-crop help. */
  why?: string;
}

export function multiCropKnobs(defaults: MultiCropDefaults, paper: MultiCropPaperValues) {
  const why = defaults.why ? ` ${defaults.why}` : '';
  return [
    { name: 'smallCrops', label: 'Small crops', kind: 'int', default: defaults.smallCrops, min: 0, max: 10, help: `Low-resolution crops per image besides the two global ones (${paper.smallCrops}). 0 turns multi-crop off: two global views only.${why}` },
    // 96/224 of 28 px is 12 px: the same share of the image the papers' small crops see.
    { name: 'smallSize', label: 'Small-crop size', kind: 'int', default: defaults.smallSize, min: 6, max: 28, help: 'Side of the small crops in pixels; the papers use 96 px against 224 px global crops, i.e. 12 px at 28 px.' },
    { name: 'globalScaleMin', label: 'Global crop scale min', kind: 'number', default: 0.4, min: 0.05, max: 1, step: 0.05, help: `Smallest area share of a global crop (largest: 1). Paper: ${paper.globalScaleMin}; digits need more of the image than ImageNet photos.` },
    { name: 'smallScaleMin', label: 'Small crop scale min', kind: 'number', default: defaults.smallScale[0], min: 0.02, max: 1, step: 0.02, help: `Smallest area share of a small crop. Paper: ${paper.smallScale}.` },
    { name: 'smallScaleMax', label: 'Small crop scale max', kind: 'number', default: defaults.smallScale[1], min: 0.02, max: 1, step: 0.02, help: `Largest area share of a small crop; small crops cover parts, global crops the whole. Paper: ${paper.smallScale}.` },
  ] as const satisfies readonly Knob[];
}

/** The multi-crop knobs' values, as a method that spreads multiCropKnobs into its table receives them. */
export type MultiCropKnobValues = KnobValues<ReturnType<typeof multiCropKnobs>>;

/** The multi-crop geometry a method's knobs ask for (plain numbers; the crops are made in augment/multiCrop.ts). */
export interface MultiCropSettings {
  smallCrops: number;
  smallSize: number;
  globalScale: [number, number];
  smallScale: [number, number];
}

export function multiCropSettings(knobs: MultiCropKnobValues): MultiCropSettings {
  const lo = knobs.smallScaleMin;
  const hi = knobs.smallScaleMax;
  return {
    smallCrops: knobs.smallCrops,
    smallSize: knobs.smallSize,
    globalScale: [knobs.globalScaleMin, 1],
    // Two independent sliders: read them as a range whichever way round they are.
    smallScale: [Math.min(lo, hi), Math.max(lo, hi)],
  };
}

/**
 * Multi-crop added to a two-view method (SimCLR, BYOL, Barlow Twins, VICReg; one view for
 * DeepCluster): small crops beside the method's own views, which stay what the augmentation panel
 * makes (so there is no global-scale knob). Off by default (smallCrops = 0): the method then trains
 * exactly as it did before the knobs existed. The SwAV paper's multi-crop ablation (Caron et al.
 * 2020) adds 2×160 + 4×96 crops to SimCLR (+2.4 points), DeepCluster-v2 (+4.1) and SwAV (+4.0).
 */
export function smallCropKnobs(paper: string) {
  // Sizes as SwAV's here (16 px, 25–60% of the image): what worked for SwAV on 28 px digits.
  return multiCropKnobs(
    { smallCrops: 0, smallSize: 16, smallScale: [0.25, 0.6] },
    { smallCrops: paper, globalScaleMin: 'not used: the global views are the augmentation panel’s', smallScale: 'SwAV [0.05, 0.14]' },
  )
    .filter((k) => k.name !== 'globalScaleMin')
    .map((k) => (k.name === 'smallCrops' ? { ...k, help: `Low-resolution crops per image beside the method’s own views, each compared with those views, never with each other (${paper}). 0: off, the method as it always trained.` } : k)) as SmallCropKnobTable;
}

type SmallCropKnobTable = Exclude<ReturnType<typeof multiCropKnobs>[number], { name: 'globalScaleMin' }>[];

/** The small-crop knobs' values, as a method that spreads smallCropKnobs into its table receives them. */
export type SmallCropKnobValues = Pick<MultiCropKnobValues, 'smallCrops' | 'smallSize' | 'smallScaleMin' | 'smallScaleMax'>;

/** Count, side and area range of the small crops (the same reading of the sliders as multiCropSettings). */
export function smallCropSettings(knobs: SmallCropKnobValues): { count: number; size: number; scale: [number, number] } {
  const lo = knobs.smallScaleMin;
  const hi = knobs.smallScaleMax;
  return { count: knobs.smallCrops, size: knobs.smallSize, scale: [Math.min(lo, hi), Math.max(lo, hi)] };
}
