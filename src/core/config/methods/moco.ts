import type { MethodSpec } from './types';

export const mocoSpec = {
  key: 'moco',
  label: 'MoCo',
  group: 'contrastive',
  blurb: 'A query must pick out its own key, encoded by a slowly moving momentum encoder, among a long queue of keys from earlier batches.',
  paper: 'He, Fan, Wu, Xie & Girshick, “Momentum Contrast for Unsupervised Visual Representation Learning”, CVPR 2020; v2: Chen, Fan, Girshick & He, “Improved Baselines with Momentum Contrastive Learning”, arXiv 2003.04297',
  // 1,000 steps (issue 11): MNIST at these defaults, seed 1, `npm run findings -- --only defaults`: probe 86.8%
  // against 81.6% at 500 steps (73.5% at width 16); PCA-128 78.5%, raw pixels 88.0%; 249 s of one CPU core on WASM.
  globalDefaults: { steps: 1000 },
  knobs: [
    { name: 'mocoVersion', label: 'Version', kind: 'enum', default: 'v2', options: ['v1', 'v2'], help: 'A preset of the three knobs below: v1: linear head, the augmentations as set, learning rate ×0.1 at 60% and 80% of the run. v2 adds an MLP head, Gaussian blur (forced on) and a cosine learning-rate decay (Chen et al. 2020, Table 1). Each of the three may be set on its own to replay the table row by row.' },
    // MoCo v2's ablation (Chen et al. 2020, Table 1), one change at a time. "version" follows
    // mocoVersion, so a link from before these knobs means what it meant (mocoRecipe below).
    { name: 'mocoHead', label: 'Head', kind: 'enum', default: 'version', options: ['version', 'linear', 'mlp'], help: 'linear: one fc layer (v1); mlp: fc–ReLU–fc with a 2048-wide hidden layer in the paper (v2, Table 1 row a: +5.6 points). version: as mocoVersion says.' },
    { name: 'mocoAug', label: 'Augmentation', kind: 'enum', default: 'version', options: ['version', 'v1', 'augplus'], help: 'v1: the augmentation panel as set; augplus: the paper’s “aug+”, the same plus Gaussian blur forced on with the panel’s σ (v2, Table 1 row b: +2.8 points). version: as mocoVersion says.' },
    { name: 'mocoSchedule', label: 'LR schedule', kind: 'enum', default: 'version', options: ['version', 'steps', 'cosine'], help: 'steps: ×0.1 at 60% and 80% of the run (v1); cosine: half a cosine to 0 (v2, Table 1 row d). version: as mocoVersion says. A global warm-up or schedule replaces either.' },
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

/** What one MoCo run trains with: each ablation knob, or mocoVersion's choice where it says "version". */
export interface MocoRecipe {
  head: 'linear' | 'mlp';
  /** augplus (the paper's aug+): Gaussian blur forced on. */
  blur: boolean;
  schedule: 'steps' | 'cosine';
}

export function mocoRecipe(knobs: { mocoVersion: 'v1' | 'v2'; mocoHead: 'version' | 'linear' | 'mlp'; mocoAug: 'version' | 'v1' | 'augplus'; mocoSchedule: 'version' | 'steps' | 'cosine' }): MocoRecipe {
  const v2 = knobs.mocoVersion === 'v2';
  return {
    head: knobs.mocoHead === 'version' ? (v2 ? 'mlp' : 'linear') : knobs.mocoHead,
    blur: knobs.mocoAug === 'version' ? v2 : knobs.mocoAug === 'augplus',
    schedule: knobs.mocoSchedule === 'version' ? (v2 ? 'cosine' : 'steps') : knobs.mocoSchedule,
  };
}
