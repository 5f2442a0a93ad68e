import type { MethodSpec } from './types';

export const rotationSpec = {
  key: 'rotation',
  label: 'Rotation prediction',
  group: 'pretext',
  blurb: 'Rotate each image by 0°, 90°, 180° or 270° and train the encoder plus a linear head to tell which.',
  paper: 'Gidaris, Singh & Komodakis, “Unsupervised Representation Learning by Predicting Image Rotations”, ICLR 2018',
  // Batch 48 (issue 11): each image enters in four rotations, so a step is four times a two-view method's and
  // width 32 at batch 64 took 335 s of one CPU core (probe 81.2%); batch 48 keeps the 500 steps inside the
  // classroom budget: probe 82.2%, 271 s on WASM (400 steps of 64: 80.0%, 254 s). PCA-128 78.5%, MNIST, seed 1.
  globalDefaults: { batch: 48 },
  knobs: [
    { name: 'rotAugment', label: 'Augment before rotating', kind: 'bool', default: false, help: 'Apply the augmentation pipeline before rotating (the paper rotates plain images).' },
  ],
} as const satisfies MethodSpec;
