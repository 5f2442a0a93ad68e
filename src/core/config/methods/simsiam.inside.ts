import type { MethodInside } from './inside/types';
import { twoBranchGraph } from './inside/templates';

export const simsiamInside: MethodInside = {
  graph: twoBranchGraph({
    head: { label: 'projector', params: 'projector', shape: 'B×{projDim}' },
    predictor: { label: 'predictor', params: 'predictor', shape: 'B×{projDim}' },
    target: 'stopgrad',
    loss: { label: '−cos (symmetrised)', about: 'The prediction of one view must point where the other view’s projection points.' },
  }),
  explainer: {
    idea: 'BYOL without the moving average: one network, a predictor on one branch and a stop-gradient on the other. It shows the stop-gradient alone is what prevents collapse.',
    formula: String.raw`\mathcal{L} = \tfrac12 \mathcal{D}(p_1, \mathrm{sg}(z_2)) + \tfrac12 \mathcal{D}(p_2, \mathrm{sg}(z_1)),\qquad \mathcal{D}(p, z) = -\frac{p}{\lVert p\rVert}\cdot\frac{z}{\lVert z\rVert}`,
    collapse: 'The stop-gradient (with the predictor): without it the loss is minimised by a constant output (SimSiam, Fig. 2); try stopGrad=0.',
    paper: 'Chen & He, “Exploring Simple Siamese Representation Learning”, CVPR 2021',
    url: 'https://arxiv.org/abs/2011.10566',
  },
};
