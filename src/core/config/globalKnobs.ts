import type { Knob } from './knobs';
import { EVAL_KNOBS } from './evalKnobs';

/**
 * Knobs every experiment has. URL names follow DESIGN.md "Public formats": method, dataset, backend,
 * seed, steps, batch, lr, n, width (method, dataset and backend are enums handled in schema.ts).
 */
export const GLOBAL_KNOBS = [
  { name: 'seed', label: 'Seed', kind: 'int', default: 1, min: 0, max: 2_147_483_647, help: 'Seeds weights, splits, batches and augmentations: same seed and backend, same losses.' },
  { name: 'steps', label: 'Steps', kind: 'int', default: 500, min: 1, max: 200_000, help: 'Optimiser steps to train for.' },
  { name: 'batch', label: 'Batch size', kind: 'int', default: 64, min: 2, max: 1024, help: 'Images per step (each gives one view per branch). Contrastive methods like large batches: more negatives.' },
  { name: 'lr', label: 'Learning rate', kind: 'number', default: 0.001, min: 1e-6, max: 1, log: true, help: 'Adam learning rate (Kingma & Ba 2015); 1e-3 is Adam’s usual default and trains these small nets stably.' },
  { name: 'n', label: 'Unlabelled images', kind: 'int', default: 5000, min: 16, max: 60_000, help: 'Size of the unlabelled training subset. Disjoint from the probe sets.' },
  { name: 'width', label: 'Encoder width', kind: 'int', default: 16, min: 2, max: 128, help: 'Channels of the first conv layer; the ConvNet doubles it twice, so features are 4×width wide.' },
  { name: 'probeTrain', label: 'Probe train images', kind: 'int', default: 1000, min: 20, max: 20_000, help: 'Labelled images the linear probe is fitted on (frozen encoder).' },
  { name: 'probeTest', label: 'Probe test images', kind: 'int', default: 1000, min: 20, max: 20_000, help: 'Held-out labelled images the probe accuracy is measured on.' },
  { name: 'metricsEvery', label: 'Metrics every', kind: 'int', default: 10, min: 1, max: 10_000, help: 'Steps between collapse-metric readings (std, rank); losses are kept for every step.' },
  { name: 'probeEvery', label: 'Probe every', kind: 'int', default: 100, min: 0, max: 200_000, help: 'Steps between linear-probe evaluations (0: only at the start and the end).' },
  ...EVAL_KNOBS,
] as const satisfies readonly Knob[];

/**
 * Augmentations, each a toggle and a strength. Defaults follow SimCLR's recipe (Chen et al. 2020,
 * appendix A) scaled to 28 px greyscale digits: no colour, milder crops, flips off (digits are not
 * mirror-symmetric).
 */
export const AUGMENT_KNOBS = [
  { name: 'crop', label: 'Random resized crop', kind: 'bool', default: true, help: 'Crop a random box and resize it back: the single most important SimCLR augmentation.' },
  { name: 'cropMin', label: 'Crop scale min', kind: 'number', default: 0.3, min: 0.05, max: 1, step: 0.05, help: 'Smallest crop area as a fraction of the image (SimCLR: 0.08 on ImageNet; digits need more context).' },
  { name: 'cropMax', label: 'Crop scale max', kind: 'number', default: 1, min: 0.05, max: 1, step: 0.05, help: 'Largest crop area as a fraction of the image.' },
  { name: 'flip', label: 'Horizontal flip', kind: 'bool', default: false, help: 'Mirror left–right with the given probability. Off by default: a mirrored digit is often another symbol.' },
  { name: 'flipP', label: 'Flip probability', kind: 'number', default: 0.5, min: 0, max: 1, step: 0.05, help: 'Chance that a view is mirrored.' },
  { name: 'jitter', label: 'Brightness/contrast jitter', kind: 'bool', default: true, help: 'Random brightness shift and contrast scale per view.' },
  { name: 'jitterStrength', label: 'Jitter strength', kind: 'number', default: 0.4, min: 0, max: 1, step: 0.05, help: 'Brightness shift up to ±0.8·s and contrast factor in [1−s, 1+s] (SimCLR uses 0.8·s with s = 1 for colour).' },
  { name: 'blur', label: 'Gaussian blur', kind: 'bool', default: false, help: 'Blur a view with probability ½ (SimCLR applies it with p = 0.5).' },
  { name: 'blurSigma', label: 'Blur σ max', kind: 'number', default: 1, min: 0, max: 3, step: 0.1, help: 'Largest blur σ in pixels; σ is drawn per step from [0.1, max] (SimCLR: [0.1, 2.0] at 224 px).' },
  { name: 'noise', label: 'Gaussian noise', kind: 'bool', default: false, help: 'Add pixel noise, then clip to [0, 1].' },
  { name: 'noiseStd', label: 'Noise std', kind: 'number', default: 0.1, min: 0, max: 1, step: 0.01, help: 'Standard deviation of the added noise (pixels are in [0, 1]).' },
] as const satisfies readonly Knob[];
