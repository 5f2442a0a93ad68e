import { smallCropKnobs } from './multiCrop';
import type { MethodSpec } from './types';

export const simclrSpec = {
  key: 'simclr',
  label: 'SimCLR',
  group: 'contrastive',
  blurb: 'Two augmented views of each image must pick each other out among all other views in the batch (NT-Xent).',
  paper: 'Chen, Kornblith, Norouzi & Hinton, “A Simple Framework for Contrastive Learning of Visual Representations”, ICML 2020',
  // lr 0.003 (issue 11): MNIST at these defaults, seed 1: probe 90.6% (kNN 74.5%) against 86.9% at lr 0.001;
  // PCA-128 78.5%, raw pixels 88.0%; 184 s of one CPU core on WASM (user time, a loaded machine).
  globalDefaults: { lr: 0.003 },
  knobs: [
    { name: 'temperature', label: 'Temperature τ', kind: 'number', default: 0.5, min: 0.01, max: 5, log: true, help: 'Softmax temperature of NT-Xent. SimCLR found 0.5 best for small batches on CIFAR-10 (Table 5/B.7); lower τ sharpens the focus on hard negatives.' },
    { name: 'projHidden', label: 'Projector hidden', kind: 'int', default: 128, min: 8, max: 2048, help: 'Hidden width of the projection MLP (paper: 2048 on ResNet-50).' },
    { name: 'projDim', label: 'Projection dim', kind: 'int', default: 64, min: 4, max: 1024, help: 'Output size z of the projector the loss sees (paper: 128).' },
    ...smallCropKnobs('SwAV paper’s multi-crop ablation: SimCLR with 2×160 + 4×96 crops, +2.4 points'),
  ],
} as const satisfies MethodSpec;
