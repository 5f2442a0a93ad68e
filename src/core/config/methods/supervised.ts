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
  knobs: [
    { name: 'supAugment', label: 'Augment', kind: 'bool', default: true, help: 'Train on one augmented view per image (the augmentation panel), as supervised baselines do; off: the plain images.' },
  ],
} as const satisfies MethodSpec;
