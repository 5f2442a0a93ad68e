import type { MethodSpec } from './types';

export const jigsawSpec = {
  key: 'jigsaw',
  label: 'Jigsaw puzzles',
  group: 'pretext',
  blurb: 'Shuffle a 3×3 grid of tiles with one of a fixed set of permutations and train the encoder plus a classifier to tell which permutation it was.',
  paper: 'Noroozi & Favaro, “Unsupervised Learning of Visual Representations by Solving Jigsaw Puzzles”, ECCV 2016',
  // 1,000 steps (issue 11): MNIST at these defaults, seed 1, `npm run findings -- --only defaults`: probe 80.7%
  // against 79.6% at 500 steps (70.4% at width 16); PCA-128 78.5%, raw pixels 88.0%; 184 s of one CPU core on WASM.
  globalDefaults: { steps: 1000 },
  knobs: [
    { name: 'permutations', label: 'Permutations', kind: 'int', default: 30, min: 2, max: 100, help: 'Size of the permutation set (the classes), chosen greedily for maximal Hamming distance (paper Alg. 1). Paper: 1000, with 100 also tried (Table 3); many 8-px tiles of a digit are blank and look alike, so fewer classes suit MNIST. Above 100 the host search gets slow.' },
    // The same grid as context prediction, under the same names: the tile side follows from them.
    { name: 'gap', label: 'Gap between tiles (px)', kind: 'int', default: 1, min: 0, max: 4, help: 'Empty space between neighbouring tiles, so edges cannot be matched. Paper: 64-px tiles drawn at random inside 75-px cells, about 11 px apart (§3); 28-px digits only leave room for 1–4 px.' },
    { name: 'patchJitter', label: 'Tile jitter (px)', kind: 'int', default: 1, min: 0, max: 3, help: 'Each tile moves by up to ± this many px inside its cell. Paper: ±5.5 px on average (a 64-px tile placed at random in a 75-px cell, §3).' },
    { name: 'clsHidden', label: 'Classifier hidden', kind: 'int', default: 128, min: 8, max: 1024, help: 'Hidden width of the MLP on the 9 concatenated tile features (paper: fc7 with 4096 units on 9 × 512 fc6 features).' },
  ],
  metrics: {
    pretextAccuracy: { label: 'Pretext accuracy', hint: 'How often the network solves its made-up task on the batch. High accuracy does not guarantee useful features.', scale: 'percent' },
  },
} as const satisfies MethodSpec;
