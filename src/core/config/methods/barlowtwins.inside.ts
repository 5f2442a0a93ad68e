import type { MethodInside } from './inside/types';
import { twoBranchGraph } from './inside/templates';

export const barlowtwinsInside: MethodInside = {
  graph: twoBranchGraph({ head: { label: 'projector', params: 'projector', shape: 'B×{projDim}' }, target: 'shared', loss: { label: 'cross-correlation → I, λ = {lambda}', about: 'The d×d cross-correlation of the two views’ standardised embeddings is pushed to the identity.' } }),
  explainer: {
    idea: 'The two views’ embeddings, standardised over the batch, should be perfectly correlated feature by feature and uncorrelated across features. Redundancy reduction, after Barlow’s principle.',
    formula: String.raw`\mathcal{L} = \sum_i (1 - \mathcal{C}_{ii})^2 + \lambda \sum_i \sum_{j\neq i} \mathcal{C}_{ij}^2,\qquad \mathcal{C}_{ij} = \frac{\sum_b z^{1}_{b,i} z^{2}_{b,j}}{\sqrt{\sum_b (z^1_{b,i})^2}\sqrt{\sum_b (z^2_{b,j})^2}}`,
    collapse: 'The off-diagonal term: features must carry different information, so the embedding cannot collapse to a point or into a few directions.',
    paper: 'Zbontar, Jing, Misra, LeCun & Deny, “Barlow Twins: Self-Supervised Learning via Redundancy Reduction”, ICML 2021',
    url: 'https://arxiv.org/abs/2103.03230',
  },
};
