import type { MethodSpec } from './types';

export const simsiamSpec = {
  key: 'simsiam',
  label: 'SimSiam',
  group: 'joint',
  blurb: 'A predictor maps one view’s projection to the other’s, whose gradient is stopped; no negatives, no momentum encoder.',
  paper: 'Chen & He, “Exploring Simple Siamese Representation Learning”, CVPR 2021',
  knobs: [
    { name: 'stopGrad', label: 'Stop-gradient', kind: 'bool', default: true, help: 'Stop the gradient through the target branch. Off, the loss drops to −1 at once and the embedding collapses (paper, Fig. 2).' },
    { name: 'projHidden', label: 'Projector hidden', kind: 'int', default: 128, min: 8, max: 2048, help: 'Hidden width of the 3-layer projection MLP (paper: 2048).' },
    { name: 'projDim', label: 'Projection dim', kind: 'int', default: 128, min: 4, max: 1024, help: 'Output size z of the projector, also the predictor’s input and output (paper: 2048).' },
    { name: 'predHidden', label: 'Predictor bottleneck', kind: 'int', default: 32, min: 2, max: 1024, help: 'Hidden width of the predictor: a bottleneck of ¼ the projection dim (paper: 512 for 2048, §3).' },
  ],
} as const satisfies MethodSpec;
