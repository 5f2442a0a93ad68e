import { smallCropKnobs } from './multiCrop';
import type { MethodSpec } from './types';

export const vicregSpec = {
  key: 'vicreg',
  label: 'VICReg',
  group: 'joint',
  blurb: 'Two views’ embeddings must match (invariance) while each feature keeps its variance over the batch and features stay decorrelated.',
  paper: 'Bardes, Ponce & LeCun, “VICReg: Variance-Invariance-Covariance Regularization for Self-Supervised Learning”, ICLR 2022',
  knobs: [
    { name: 'invariance', label: 'Invariance weight λ', kind: 'number', default: 25, min: 0, max: 100, step: 0.5, help: 'Weight of the mean squared distance between the two views’ embeddings (paper: 25, §4.1).' },
    { name: 'variance', label: 'Variance weight μ', kind: 'number', default: 25, min: 0, max: 100, step: 0.5, help: 'Weight of the hinge keeping each feature’s std over the batch at least 1; 0 lets the embedding collapse, as the paper’s ablation shows (paper: 25, §4.1).' },
    { name: 'covariance', label: 'Covariance weight ν', kind: 'number', default: 1, min: 0, max: 100, step: 0.1, help: 'Weight of the off-diagonal covariance penalty that decorrelates features (paper: 1, §4.1).' },
    { name: 'projHidden', label: 'Projector hidden', kind: 'int', default: 256, min: 8, max: 2048, help: 'Width of the expander’s two hidden layers (paper: 8192, 3 layers with BN and ReLU).' },
    { name: 'projDim', label: 'Projection dim', kind: 'int', default: 256, min: 4, max: 1024, help: 'Size of the embedding the loss regularises (paper: 8192; accuracy grows with it).' },
    ...smallCropKnobs('not in the VICReg paper; as the SwAV paper’s for SimCLR: each small crop paired with each global view'),
  ],
} as const satisfies MethodSpec;
