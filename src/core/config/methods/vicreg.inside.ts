import type { MethodInside } from './inside/types';
import { twoBranchGraph } from './inside/templates';

export const vicregInside: MethodInside = {
  graph: twoBranchGraph({ head: { label: 'expander', params: 'expander', shape: 'B×{projDim}' }, target: 'shared', loss: { label: 'inv + var + cov', about: 'Invariance (MSE between views) plus a variance hinge and a covariance penalty on each branch.' } }),
  explainer: {
    idea: 'Three explicit terms: the views should agree (invariance), every feature should vary across the batch (variance), and features should not be correlated (covariance).',
    formula: String.raw`\mathcal{L} = \lambda\, s(Z, Z') + \mu\,[v(Z) + v(Z')] + \nu\,[c(Z) + c(Z')],\quad v(Z) = \frac1d \sum_j \max\!\big(0, 1 - \sqrt{\mathrm{Var}(z_j) + \epsilon}\big),\quad c(Z) = \frac1d \sum_{i\neq j} C(Z)_{ij}^2`,
    collapse: 'The variance term forbids collapse to a point; the covariance term forbids dimensional collapse. No negatives, no stop-gradient, no EMA.',
    paper: 'Bardes, Ponce & LeCun, “VICReg: Variance-Invariance-Covariance Regularization for Self-Supervised Learning”, ICLR 2022',
    url: 'https://arxiv.org/abs/2105.04906',
  },
};
