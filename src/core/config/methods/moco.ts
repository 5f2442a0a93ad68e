import type { MethodSpec } from './types';

export const mocoSpec = {
  key: 'moco',
  label: 'MoCo',
  group: 'contrastive',
  blurb: 'A query must pick out its own key, encoded by a slowly moving momentum encoder, among a long queue of keys from earlier batches.',
  paper: 'He, Fan, Wu, Xie & Girshick, “Momentum Contrast for Unsupervised Visual Representation Learning”, CVPR 2020; v2: Chen, Fan, Girshick & He, “Improved Baselines with Momentum Contrastive Learning”, arXiv 2003.04297',
  knobs: [
    { name: 'mocoVersion', label: 'Version', kind: 'enum', default: 'v2', options: ['v1', 'v2'], help: 'v1: linear head, the augmentations as set, learning rate ×0.1 at 60% and 80% of the run. v2 adds an MLP head, Gaussian blur (forced on) and a cosine learning-rate decay (Chen et al. 2020, Table 1).' },
    { name: 'queueSize', label: 'Queue size K', kind: 'int', default: 256, min: 16, max: 16384, help: 'Keys of earlier batches kept as negatives (paper: 65 536, 5% of its 1.28 M images; 256 is 5% of the default 5000). On MNIST, 150 steps, 256 beat 1024: older keys come from a stale key encoder.' },
    { name: 'keyMomentum', label: 'Key momentum m', kind: 'number', default: 0.99, min: 0.5, max: 1, step: 0.001, help: 'EMA rate of the key encoder (paper: 0.999; 0.99 was nearly as good, §4.1 ablation, and follows faster in short runs).' },
    { name: 'temperature', label: 'Temperature τ', kind: 'number', default: 0.2, min: 0.01, max: 5, log: true, help: 'Softmax temperature of InfoNCE (papers: v1 0.07, v2 0.2). 0.2 also suits v1 here: on MNIST, 150 steps, v1 probed 73.5% at 0.2 and 69.7% at 0.07.' },
    { name: 'projHidden', label: 'Head hidden (v2)', kind: 'int', default: 128, min: 8, max: 2048, help: 'Hidden width of v2’s MLP head (paper: 2048); v1’s head is one linear layer.' },
    { name: 'projDim', label: 'Key dim', kind: 'int', default: 64, min: 4, max: 1024, help: 'Size of the l2-normalised queries and keys (paper: 128).' },
  ],
  metrics: {
    queueFill: { label: 'MoCo queue fill', hint: 'Share of the negative queue holding real keys. Until it is full the loss sees fewer negatives than the queue size.', scale: 'percent' },
  },
} as const satisfies MethodSpec;
