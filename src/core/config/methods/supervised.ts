import type { MethodSpec } from './types';

/**
 * Not an SSL method: the reference line from above. The same encoder trained with labels, on the
 * probe-train images only, for the same steps; what a method's probe would reach if its pretext task
 * were the labels themselves.
 */
export const supervisedSpec = {
  key: 'supervised',
  label: 'Supervised (reference)',
  group: 'reference',
  blurb: 'Not self-supervised: the same encoder and a linear head trained with labels on the probe-train images, the ceiling the SSL methods are measured against.',
  paper: 'The supervised baseline of the linear evaluation protocol (Kolesnikov, Zhai & Beyer, “Revisiting Self-Supervised Visual Representation Learning”, CVPR 2019)',
  // Measured on MNIST at the other defaults (width 16, BatchNorm, 1,000 labelled images, 500 steps of
  // 64, seed 1, WASM): lr 0.001 probes 87.4% (below raw pixels, 88.0%), lr 0.01 probes 92.8%. At width 32
  // (v4's default), lr 0.01: 94.2% in 102 s of one CPU core (`npm run findings -- --only defaults`).
  globalDefaults: { lr: 0.01 },
  knobs: [
    { name: 'supAugment', label: 'Augment', kind: 'bool', default: true, help: 'Train on one augmented view per image (the augmentation panel), as supervised baselines do; off: the plain images.' },
  ],
} as const satisfies MethodSpec;
