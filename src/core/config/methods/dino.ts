import { multiCropKnobs } from './multiCrop';
import type { MethodSpec } from './types';

export const dinoSpec = {
  key: 'dino',
  label: 'DINO',
  group: 'clustering',
  blurb: 'A student matches the centred, sharpened output distribution of its own EMA teacher, which sees only the global crops.',
  paper: 'Caron, Touvron, Misra, Jégou, Mairal, Bojanowski & Joulin, “Emerging Properties in Self-Supervised Vision Transformers”, ICCV 2021',
  // lr 0.003, as BYOL and SimCLR here (issue 11, link format v7). PyTorch export, 500 steps, seed 1 (`npm run export`,
  // then train.py): probe 80.5% at lr 0.001, 83.5% at 0.002, 84.6% at 0.003; the paper's AdamW (weight decay 0.04) with
  // warm-up and cosine decay 75.9%, teacher temperature 0.07 78.5%, teacher momentum 0.98 79.9%, 800 steps at 0.002
  // 83.8%. In the app, 3 seeds (`npm run findings -- --only defaults --variants dino`): 83.2% ± 1.0 against PCA 77.3%,
  // where 0.001 probed 79.4% (seed 1).
  globalDefaults: { lr: 0.003 },
  knobs: [
    { name: 'outDim', label: 'Output dim K', kind: 'int', default: 256, min: 8, max: 4096, help: 'Size of the output distribution the teacher and student match (paper: 65 536 for ImageNet).' },
    { name: 'projHidden', label: 'Head hidden', kind: 'int', default: 128, min: 8, max: 2048, help: 'Hidden width of the 3-layer head MLP (paper: 2048).' },
    { name: 'bottleneckDim', label: 'Head bottleneck', kind: 'int', default: 32, min: 4, max: 1024, help: 'l2-normalised bottleneck before the weight-normalised last layer (paper: 256).' },
    { name: 'headBatchNorm', label: 'BatchNorm in head', kind: 'bool', default: true, help: 'BatchNorm after the head’s hidden layers (the authors’ use_bn_in_head, off for their ViTs). On here: the small ConvNet gives nearly the same features for every image at first, so without it the centred teacher output is almost uniform and DINO collapses to uniform (turn it off to watch the teacher entropy climb to log K).' },
    // 0.99 and 2 small crops (issue 11): MNIST at these defaults with v6's lr 0.001, seed 1, `npm run findings -- --only defaults`:
    // probe 79.4% in 287 s of one CPU core on WASM (before issue 10's conv kernels), against 75.4% in 338 s with the paper's 0.996 and 6 small crops (73.1% at width 16).
    { name: 'teacherMomentum', label: 'Teacher momentum', kind: 'number', default: 0.99, min: 0.9, max: 1, step: 0.001, help: 'Base EMA rate of the teacher, raised to 1 along a cosine (paper: 0.996 → 1 over 100+ epochs); 0.99 lets the teacher follow within a few hundred steps, as BYOL’s and MSN’s τ_base here.' },
    { name: 'centerMomentum', label: 'Centre momentum', kind: 'number', default: 0.9, min: 0, max: 0.999, step: 0.01, help: 'EMA rate of the centre subtracted from the teacher’s outputs (paper: 0.9).' },
    { name: 'studentTemp', label: 'Student temperature', kind: 'number', default: 0.1, min: 0.01, max: 1, log: true, help: 'τ_s of the student softmax (paper: 0.1).' },
    { name: 'teacherTemp', label: 'Teacher temperature', kind: 'number', default: 0.04, min: 0.005, max: 1, log: true, help: 'τ_t after the warm-up. Lower τ_t sharpens: the counterweight to centring (paper: 0.04, or 0.07 after a warm-up; above 0.07 training goes unstable).' },
    { name: 'teacherTempStart', label: 'Teacher temp. at start', kind: 'number', default: 0.04, min: 0.005, max: 1, log: true, help: 'τ_t at step 1, raised linearly to the teacher temperature over the warm-up (paper: 0.04).' },
    { name: 'teacherTempWarmup', label: 'Teacher temp. warm-up', kind: 'int', default: 100, min: 0, max: 100_000, help: 'Steps of the linear τ_t warm-up (paper: 30 epochs). Only matters when the two temperatures differ.' },
    ...multiCropKnobs({ smallCrops: 2, smallSize: 12, smallScale: [0.1, 0.4], why: 'Two keep a default run inside five minutes on WASM (six cost a fifth more time and probed lower at the classroom budget).' }, {
      smallCrops: 'DINO: 8 in the authors’ code, 10 of 96 px in its best runs',
      globalScaleMin: 'DINO 0.4',
      smallScale: 'DINO [0.05, 0.4]',
    }),
  ],
  metrics: {
    teacherEntropy: { label: 'Teacher entropy', hint: 'Entropy of the teacher’s output distribution. Near 0: one dimension wins; near log K: uniform. Both extremes mean collapse.', scale: 'fromZero' },
    teacherStudentKL: { label: 'Teacher–student KL', hint: 'KL(teacher ‖ student) on fixed images (DINO §5.3). Falling to 0 with the teacher entropy at 0 or log K: collapse; a healthy run keeps it above 0.', scale: 'fromZero' },
    centerNorm: { label: 'Centre norm', hint: 'Norm of the running centre subtracted from the teacher’s logits (DINO). It stops one dimension from dominating.', scale: 'fromZero' },
  },
} as const satisfies MethodSpec;
