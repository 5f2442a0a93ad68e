import type { MethodSpec } from './types';

export const contextSpec = {
  key: 'context',
  label: 'Context prediction',
  group: 'pretext',
  blurb: 'Cut a 3×3 grid of patches from each image and train the encoder plus a classifier to tell where each neighbour sits relative to the centre patch (8 classes).',
  paper: 'Doersch, Gupta & Efros, “Unsupervised Visual Representation Learning by Context Prediction”, ICCV 2015',
  knobs: [
    // The patch side follows from these: ⌊(28 − 2·gap − 2·jitter) / 3⌋ = 8 px at the defaults.
    { name: 'gap', label: 'Gap between patches (px)', kind: 'int', default: 1, min: 0, max: 4, help: 'Empty space between neighbouring patches, so strokes cannot simply be continued across the border. Paper: about half a patch, 48 px between 96-px patches (§3.1); 28-px digits only leave room for 1–4 px.' },
    { name: 'patchJitter', label: 'Patch jitter (px)', kind: 'int', default: 1, min: 0, max: 3, help: 'Each patch moves by up to ± this many px on each axis, so patch edges do not line up. Paper: up to 7 px for 96-px patches (§3.1); 1 px is the smallest step at 8 px.' },
    { name: 'clsHidden', label: 'Classifier hidden', kind: 'int', default: 64, min: 8, max: 1024, help: 'Hidden width of the MLP that classifies the two concatenated patch features (paper: fc7 with 4096 units on AlexNet features).' },
  ],
  metrics: {
    pretextAccuracy: { label: 'Pretext accuracy', hint: 'How often the network solves its made-up task on the batch. High accuracy does not guarantee useful features.', scale: 'percent' },
  },
} as const satisfies MethodSpec;
