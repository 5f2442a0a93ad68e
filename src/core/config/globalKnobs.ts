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
  { name: 'lr', label: 'Learning rate', kind: 'number', default: 0.001, min: 1e-6, max: 1, log: true, help: 'Peak learning rate of the optimiser; 1e-3 is Adam’s usual default and trains these small nets stably.' },
  { name: 'n', label: 'Unlabelled images', kind: 'int', default: 5000, min: 16, max: 60_000, help: 'Size of the unlabelled training subset. Disjoint from the probe sets.' },
  // 32 since issue 11 (16 before; links carry every knob, so theirs keep their meaning): at width 16 only SimCLR
  // cleared PCA + 2 points at its defaults, at 32 most methods do (docs/FINDINGS.md, every method at its defaults).
  // SimCLR first, MNIST, 500 steps of 64, seed 1: PyTorch probes 75.5% at width 16 and 84.9% at width 32
  // (bench/parity/simclr_torch.py), the app 82.0% and 88.5%.
  { name: 'width', label: 'Encoder width', kind: 'int', default: 32, min: 2, max: 128, help: 'Channels of the first conv layer; the ConvNet doubles it twice, so features are 4×width wide. Measured on MNIST at the defaults: width 32 against 16 lifts the linear probe by 5–12 points for every ConvNet method (SimCLR 82.0 → 88.5%, VICReg 80.4 → 86.2%, SimSiam 70.4 → 82.9%) at about twice the time per step.' },
  { name: 'depth', label: 'Encoder depth', kind: 'int', default: 3, min: 3, max: 6, help: 'Conv layers of the ConvNet: width, 2·width, 4·width, then more 4·width layers at the last resolution.' },
  { name: 'batchNorm', label: 'Encoder BatchNorm', kind: 'bool', default: true, help: 'BatchNorm after each conv (batch statistics while training, running statistics for every evaluation). Measured in PyTorch: SimCLR at width 32 probes 87.2% at 500 steps with it, 83.1% without.' },
  { name: 'optimizer', label: 'Optimiser', kind: 'enum', default: 'adam', options: ['adam', 'adamw', 'sgd', 'lars'], help: 'adam (Kingma & Ba 2015); adamw: decoupled weight decay (Loshchilov & Hutter 2019, MAE’s and MSN’s choice); sgd: momentum 0.9 (MoCo); lars: layer-wise trust ratio 0.001 for large batches (You et al. 2017, SimCLR’s and BYOL’s choice).' },
  { name: 'weightDecay', label: 'Weight decay', kind: 'number', default: 0, min: 0, max: 1, step: 0.0001, help: 'L2 penalty (adam, sgd, lars: added to the gradient; adamw: decoupled, w ← w − lr·wd·w, on weight matrices only, not biases or norm γ, β, as MAE’s and DINO’s code). Papers: 1e-6 SimCLR/LARS, 1.5e-6 BYOL, 1e-4 MoCo, 0.05 MAE, 0.04 MSN (AdamW).' },
  // Added after v3 with today's value as its default (addedKnobs.ts): a link or run without it means 0.999.
  { name: 'beta2', label: 'Adam β2', kind: 'number', default: 0.999, min: 0.9, max: 0.9999, step: 0.0001, help: 'Decay of Adam’s and AdamW’s second-moment average (adam, adamw only). 0.999 is Kingma & Ba’s default; MAE trains with AdamW β = (0.9, 0.95) (He et al. 2022, Table 8), which reacts faster to large gradients; MSN keeps PyTorch’s 0.999.' },
  { name: 'warmup', label: 'Warm-up steps', kind: 'int', default: 0, min: 0, max: 200_000, help: 'Steps over which the learning rate rises linearly from lr/warmup to lr (Goyal et al. 2017; SimCLR, MAE and MSN warm up).' },
  { name: 'schedule', label: 'LR schedule', kind: 'enum', default: 'constant', options: ['constant', 'cosine'], help: 'After warm-up: constant, or cosine decay to 0 at the last step (Loshchilov & Hutter 2017; SimCLR, BYOL, MAE).' },
  { name: 'probeTrain', label: 'Probe train images', kind: 'int', default: 1000, min: 20, max: 20_000, help: 'Labelled images the linear probe is fitted on (frozen encoder).' },
  { name: 'probeTest', label: 'Probe test images', kind: 'int', default: 1000, min: 20, max: 20_000, help: 'Held-out labelled images the probe accuracy is measured on.' },
  { name: 'metricsEvery', label: 'Metrics every', kind: 'int', default: 10, min: 1, max: 10_000, help: 'Steps between collapse-metric readings (std, rank); losses are kept for every step.' },
  { name: 'probeEvery', label: 'Probe every', kind: 'int', default: 100, min: 0, max: 200_000, help: 'Steps between linear-probe evaluations (0: only at the start and the end).' },
  ...EVAL_KNOBS,
] as const satisfies readonly Knob[];

/**
 * Augmentations, each a toggle and its strengths, in pipeline order. The first eleven are format v1's
 * and their defaults follow SimCLR's recipe (Chen et al. 2020, appendix A) scaled to 28 px greyscale
 * digits: no colour, milder crops, flips off (digits are not mirror-symmetric). The rest came with
 * format v2 (url.ts) for RGB data; their defaults leave the v1 pipeline exactly as it was (jitter
 * always applied, no saturation or hue change, blur p = ½ from σ = 0.1, nothing else on), so MNIST
 * runs are unchanged. RGB datasets get the full SimCLR set from augmentPresets.ts instead.
 */
export const AUGMENT_KNOBS = [
  { name: 'crop', label: 'Random resized crop', kind: 'bool', default: true, help: 'Crop a random box and resize it back: the single most important SimCLR augmentation.' },
  { name: 'cropMin', label: 'Crop scale min', kind: 'number', default: 0.3, min: 0.05, max: 1, step: 0.05, help: 'Smallest crop area as a fraction of the image (SimCLR: 0.08 on ImageNet; digits need more context).' },
  { name: 'cropMax', label: 'Crop scale max', kind: 'number', default: 1, min: 0.05, max: 1, step: 0.05, help: 'Largest crop area as a fraction of the image.' },
  { name: 'flip', label: 'Horizontal flip', kind: 'bool', default: false, help: 'Mirror left–right with the given probability. Off by default: a mirrored digit is often another symbol.' },
  { name: 'flipP', label: 'Flip probability', kind: 'number', default: 0.5, min: 0, max: 1, step: 0.05, help: 'Chance that a view is mirrored.' },
  { name: 'jitter', label: 'Colour jitter', kind: 'bool', default: true, help: 'Random brightness shift and contrast scale per view; on RGB data also saturation and hue (SimCLR’s colour distortion).' },
  { name: 'jitterStrength', label: 'Brightness/contrast', kind: 'number', default: 0.4, min: 0, max: 1, step: 0.05, help: 'Brightness shift up to ±0.8·s and contrast factor in [1−s, 1+s] (SimCLR uses 0.8·s with s = 1 for colour).' },
  { name: 'blur', label: 'Gaussian blur', kind: 'bool', default: false, help: 'Blur a view with the given probability (SimCLR: p = 0.5).' },
  { name: 'blurSigma', label: 'Blur σ max', kind: 'number', default: 1, min: 0, max: 3, step: 0.1, help: 'Largest blur σ in pixels; σ is drawn per step from [σ min, σ max] (SimCLR: [0.1, 2.0] at 224 px).' },
  { name: 'noise', label: 'Gaussian noise', kind: 'bool', default: false, help: 'Add pixel noise, then clip to [0, 1].' },
  { name: 'noiseStd', label: 'Noise std', kind: 'number', default: 0.1, min: 0, max: 1, step: 0.01, help: 'Standard deviation of the added noise (pixels are in [0, 1]).' },
  // Format v2.
  { name: 'cropRatioMin', label: 'Crop aspect min', kind: 'number', default: 0.75, min: 0.1, max: 1, step: 0.05, help: 'Smallest width/height ratio of a crop box, drawn log-uniformly (torchvision and SimCLR: 3/4).' },
  { name: 'cropRatioMax', label: 'Crop aspect max', kind: 'number', default: 4 / 3, min: 1, max: 10, step: 0.05, help: 'Largest width/height ratio of a crop box (torchvision and SimCLR: 4/3).' },
  { name: 'jitterP', label: 'Jitter probability', kind: 'number', default: 1, min: 0, max: 1, step: 0.05, help: 'Chance that a view is colour-jittered (SimCLR: 0.8; 1 keeps format v1’s always-on jitter).' },
  { name: 'jitterSaturation', label: 'Saturation', kind: 'number', default: 0, min: 0, max: 1, step: 0.05, help: 'Saturation factor uniform in [1−s, 1+s] around each pixel’s grey (SimCLR: 0.8·s = 0.8). RGB only.' },
  { name: 'jitterHue', label: 'Hue', kind: 'number', default: 0, min: 0, max: 0.5, step: 0.01, help: 'Hue turned by up to ±h of a full turn (SimCLR: 0.2·s = 0.2), as a rotation of the YIQ chroma plane. RGB only.' },
  { name: 'gray', label: 'Random greyscale', kind: 'bool', default: false, help: 'Replace a view by its grey (BT.601 luma) with the given probability (SimCLR: p = 0.2). RGB only.' },
  { name: 'grayP', label: 'Greyscale probability', kind: 'number', default: 0.2, min: 0, max: 1, step: 0.05, help: 'Chance that a view loses its colour.' },
  { name: 'blurP', label: 'Blur probability', kind: 'number', default: 0.5, min: 0, max: 1, step: 0.05, help: 'Chance that a view is blurred (SimCLR 0.5; BYOL 1.0 and 0.1 for its two views).' },
  { name: 'blurSigmaMin', label: 'Blur σ min', kind: 'number', default: 0.1, min: 0.1, max: 3, step: 0.1, help: 'Smallest blur σ in pixels (SimCLR: 0.1).' },
  { name: 'solarize', label: 'Solarize', kind: 'bool', default: false, help: 'Invert pixels above ½ with the given probability (BYOL: p = 0.2 on its second view only).' },
  { name: 'solarizeP', label: 'Solarize probability', kind: 'number', default: 0.2, min: 0, max: 1, step: 0.05, help: 'Chance that a view is solarized.' },
  { name: 'cutout', label: 'Cutout', kind: 'bool', default: false, help: 'Fill a random square with the image’s mean (DeVries & Taylor 2017; zero after their normalisation).' },
  { name: 'cutoutSize', label: 'Cutout side', kind: 'number', default: 0.25, min: 0, max: 1, step: 0.05, help: 'Side of the square as a fraction of the image side (DeVries & Taylor: 16 of 32 px on CIFAR-10).' },
  { name: 'cutoutP', label: 'Cutout probability', kind: 'number', default: 0.5, min: 0, max: 1, step: 0.05, help: 'Chance that a view gets a square cut out.' },
  { name: 'asymmetric', label: 'BYOL’s asymmetric views', kind: 'bool', default: false, help: 'Two-view methods: view 1 always blurred and never solarized, view 2 blurred with p = 0.1 and solarized with p = 0.2 (Grill et al. 2020, Table 6), replacing the blur and solarize probabilities.' },
] as const satisfies readonly Knob[];

/**
 * What a v1 link or run (versions.ts) meant by the augmentation knobs it could not carry: the
 * pipeline it ran. Applied to v1 input whatever the table's defaults become, so an old link keeps meaning the same experiment.
 */
export const AUG_V1_VALUES = {
  cropRatioMin: 0.75,
  cropRatioMax: 4 / 3,
  jitterP: 1,
  jitterSaturation: 0,
  jitterHue: 0,
  gray: false,
  grayP: 0.2,
  blurP: 0.5,
  blurSigmaMin: 0.1,
  solarize: false,
  solarizeP: 0.2,
  cutout: false,
  cutoutSize: 0.25,
  cutoutP: 0.5,
  asymmetric: false,
} as const;
