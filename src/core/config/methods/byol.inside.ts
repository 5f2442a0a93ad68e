import type { MethodInside } from './inside/types';
import { twoBranchGraph } from './inside/templates';

export const byolInside: MethodInside = {
  graph: twoBranchGraph({
    head: { label: 'projector', params: 'projector', shape: 'B×{projDim}' },
    predictor: { label: 'predictor', params: 'predictor', shape: 'B×{projDim}' },
    target: 'ema',
    loss: { label: '2 − 2·cos (symmetrised)', about: 'The online prediction of one view regresses the target projection of the other, both ways.' },
  }),
  explainer: {
    idea: 'An online network predicts what a slowly moving average of itself outputs for another view of the same image. There are no negatives at all.',
    formula: String.raw`\mathcal{L} = \Big\lVert \frac{q_\theta(z_1)}{\lVert q_\theta(z_1)\rVert} - \frac{z'_2}{\lVert z'_2\rVert} \Big\rVert^2 + (1 \leftrightarrow 2),\qquad \xi \leftarrow \tau \xi + (1-\tau)\theta`,
    collapse: 'The predictor and the EMA target (stop-gradient on the target branch). Switch off both and the embedding collapses to a point (BYOL, Table 5b): try predictor=0&ema=0.',
    paper: 'Grill, Strub, Altché, Tallec, Richemond et al., “Bootstrap Your Own Latent”, NeurIPS 2020',
    url: 'https://arxiv.org/abs/2006.07733',
  },
};
