import { multiCropKnobs } from './multiCrop';
import type { MethodSpec } from './types';

export const swavSpec = {
  key: 'swav',
  label: 'SwAV',
  group: 'clustering',
  blurb: 'Assign each crop to learnable prototypes with balanced Sinkhorn codes, and predict one crop’s code from every other crop.',
  paper: 'Caron, Misra, Mairal, Goyal, Bojanowski & Joulin, “Unsupervised Learning of Visual Features by Contrasting Cluster Assignments”, NeurIPS 2020',
  knobs: [
    { name: 'prototypes', label: 'Prototypes K', kind: 'int', default: 30, min: 2, max: 1000, help: 'Number of prototype vectors (paper: 3000 for ImageNet’s 1000 classes; 3× MNIST’s 10 classes is 30).' },
    { name: 'temperature', label: 'Temperature τ', kind: 'number', default: 0.1, min: 0.01, max: 5, log: true, help: 'Softmax temperature over prototype scores (paper: 0.1).' },
    { name: 'sinkhornEpsilon', label: 'Sinkhorn ε', kind: 'number', default: 0.05, min: 0.005, max: 1, log: true, help: 'Entropy weight of the Sinkhorn codes (paper: 0.05); larger gives softer, more uniform codes. 3 Sinkhorn iterations, as the paper.' },
    { name: 'projHidden', label: 'Projector hidden', kind: 'int', default: 128, min: 8, max: 2048, help: 'Hidden width of the projection MLP (paper: 2048 on ResNet-50).' },
    { name: 'projDim', label: 'Projection dim', kind: 'int', default: 32, min: 4, max: 1024, help: 'Size of the l2-normalised embedding compared with the prototypes (paper: 128).' },
    { name: 'freezeSteps', label: 'Freeze prototypes for', kind: 'int', default: 80, min: 0, max: 10_000, help: 'Steps at the start during which the prototypes get no update (paper: the first epoch, 313 iterations; ≈ n / batch = 78 steps at the defaults).' },
    { name: 'queueLength', label: 'Queue length', kind: 'int', default: 0, min: 0, max: 4096, help: 'Embeddings of past batches added to the Sinkhorn input, so codes can spread over all prototypes when the batch is small next to K (paper §3.1: about 3K stored features, 3840 with batch 256). 0: off. Rounded down to a multiple of the batch.' },
    { name: 'queueStart', label: 'Queue starts at', kind: 'int', default: 100, min: 0, max: 100_000, help: 'Step after which the queue starts filling; it is used once full (paper: from epoch 15, once the first features have settled).' },
    // Fewer, larger small crops than the paper: on 28 px digits a crop of 10–40% of the image is
    // often a stroke fragment that cannot predict the global crop's code. With 6 such crops (6 of
    // every 7 loss terms) the network hedged with uniform predictions and the loss stayed at log K
    // for 300 steps (MNIST, defaults otherwise); with 2 crops of 25–60% it fell below log K within
    // 100 steps.
    ...multiCropKnobs({ smallCrops: 2, smallSize: 16, smallScale: [0.25, 0.6], why: 'Fewer and larger than the paper’s here: small crops of a 28 px digit that cannot predict the global code make SwAV hedge with uniform predictions (loss stuck at log K; watch the prediction entropy).' }, {
      smallCrops: 'SwAV: 6 crops of 96 px with 2 of 224 px',
      globalScaleMin: 'SwAV 0.14',
      smallScale: 'SwAV [0.05, 0.14]',
    }),
  ],
  metrics: {
    queueFill: { label: 'Queue fill', hint: 'Share of the embedding queue holding real embeddings (only with a queue). Until it is full, codes come from the batch alone.', scale: 'percent' },
    codeEntropy: { label: 'Code entropy', hint: 'Entropy of the soft assignments to prototypes (SwAV). Low: assignments collapsed onto few prototypes.', scale: 'fromZero' },
    predictionEntropy: { label: 'Prediction entropy', hint: 'Mean entropy of each image’s assignment to the prototypes (SwAV). Near log K: the network hedges with uniform predictions and the loss sits at log K.', scale: 'fromZero' },
    prototypeUsage: { label: 'Prototypes in use', hint: 'Share of prototypes that are some image’s best match.', scale: 'percent' },
  },
} as const satisfies MethodSpec;
