import { smallCropKnobs } from './multiCrop';
import type { MethodSpec } from './types';

export const barlowtwinsSpec = {
  key: 'barlowtwins',
  label: 'Barlow Twins',
  group: 'joint',
  blurb: 'The cross-correlation of two views’ embeddings is pushed towards the identity: features agree across views and carry no redundancy.',
  paper: 'Zbontar, Jing, Misra, LeCun & Deny, “Barlow Twins: Self-Supervised Learning via Redundancy Reduction”, ICML 2021',
  knobs: [
    { name: 'lambda', label: 'Off-diagonal weight λ', kind: 'number', default: 0.005, min: 1e-5, max: 1, log: true, help: 'Weight of the redundancy-reduction term (paper: 5e-3 at d = 8192, §2). The d(d−1) off-diagonal terms outnumber the d diagonal ones, so λ ≈ 1/d balances them (Tsai et al. 2021): 1/256 ≈ 0.004 at the default dim, close to the paper’s value.' },
    { name: 'projHidden', label: 'Projector hidden', kind: 'int', default: 256, min: 8, max: 2048, help: 'Width of the projector’s two hidden layers (paper: 8192, 3 layers with BN and ReLU).' },
    { name: 'projDim', label: 'Projection dim', kind: 'int', default: 256, min: 4, max: 1024, help: 'Size d of the embedding the d×d cross-correlation is taken of (paper: 8192; its ablation found larger d better).' },
    ...smallCropKnobs('not in the Barlow Twins paper; as SwAV’s for SimCLR: each small crop paired with each global view'),
  ],
} as const satisfies MethodSpec;
