import type { MethodSpec } from './types';

export const rotationSpec = {
  key: 'rotation',
  label: 'Rotation prediction',
  group: 'pretext',
  blurb: 'Rotate each image by 0°, 90°, 180° or 270° and train the encoder plus a linear head to tell which.',
  paper: 'Gidaris, Singh & Komodakis, “Unsupervised Representation Learning by Predicting Image Rotations”, ICLR 2018',
  knobs: [
    { name: 'rotAugment', label: 'Augment before rotating', kind: 'bool', default: false, help: 'Apply the augmentation pipeline before rotating (the paper rotates plain images).' },
  ],
} as const satisfies MethodSpec;
