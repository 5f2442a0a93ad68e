import { smallCropKnobs } from './multiCrop';
import type { MethodSpec } from './types';

export const byolSpec = {
  key: 'byol',
  label: 'BYOL',
  group: 'joint',
  blurb: 'An online network predicts a slowly moving average of itself on another view; no negatives, the predictor and the EMA target keep it from collapsing.',
  paper: 'Grill, Strub, Altché, Tallec, Richemond et al., “Bootstrap Your Own Latent: A New Approach to Self-Supervised Learning”, NeurIPS 2020',
  // lr 0.003 (issue 11): MNIST at these defaults, seed 1, `npm run findings -- --only defaults`: probe 84.6%
  // against 77.3% at lr 0.001 (68.4% at width 16); PCA-128 78.5%, raw pixels 88.0%; 217 s of one CPU core on WASM.
  globalDefaults: { lr: 0.003 },
  knobs: [
    { name: 'tauBase', label: 'Target momentum τ_base', kind: 'number', default: 0.99, min: 0.9, max: 1, step: 0.001, help: 'EMA rate of the target at step 1, raised to 1 along a cosine (paper: 0.996 over 300 epochs, §3.2); 0.99 lets the target follow within a few hundred steps.' },
    { name: 'predictor', label: 'Predictor', kind: 'bool', default: true, help: 'The predictor MLP on the online branch. Off (with the EMA off too) the method collapses: BYOL’s ablation, Table 5(b).' },
    { name: 'ema', label: 'EMA target', kind: 'bool', default: true, help: 'Off: the target is the online network itself under stop-gradient (τ = 0, as SimSiam). Alone this still trains; with the predictor off it collapses.' },
    { name: 'headNorm', label: 'Head normalisation', kind: 'enum', default: 'bn', options: ['bn', 'projector-bn', 'predictor-bn', 'none', 'gn-ws', 'gn-ws-all'], help: 'Normalisation of the hidden layer of projector and predictor: BatchNorm in both (the paper), in one only, in neither, or GroupNorm + weight standardisation, which uses no batch statistics (Richemond et al. 2020, “BYOL works even without batch statistics”, their answer to the claim that BN’s batch statistics act as implicit negatives). The encoder’s own normalisation is the global batchNorm knob, except with gn-ws-all: GroupNorm + weight standardisation in the encoder too, as in that paper, so no layer sees batch statistics.' },
    { name: 'projHidden', label: 'Projector hidden', kind: 'int', default: 128, min: 8, max: 2048, help: 'Hidden width of the projector and predictor MLPs (paper: 4096).' },
    { name: 'projDim', label: 'Projection dim', kind: 'int', default: 64, min: 4, max: 1024, help: 'Output size of projector and predictor, the space the loss compares (paper: 256).' },
    ...smallCropKnobs('not in the BYOL paper; DINO’s recipe (Caron et al. 2021) for a teacher–student pair: the target sees the global views only'),
  ],
} as const satisfies MethodSpec;
