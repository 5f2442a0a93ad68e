import type { MethodInside } from './inside/types';
import { twoBranchGraph } from './inside/templates';

const base = twoBranchGraph({ head: { label: 'projector', params: 'projector', shape: 'B×{projDim}' }, target: 'shared', views: ['global crops', 'small crops'], loss: { label: 'swapped prediction, τ = {temperature}', about: 'Each crop predicts the code another crop was assigned.' } });

export const swavInside: MethodInside = {
  graph: {
    nodes: [
      ...base.nodes.map((n) => (n.id === 'loss' ? { ...n, col: 6 } : n)),
      { id: 'proto', label: 'prototypes ({prototypes})', kind: 'param', col: 4, row: 0.5, params: ['prototypes'], shape: '{prototypes}×{projDim}', about: 'K trainable unit vectors; scores are cosines to them.' },
      { id: 'sk', label: 'Sinkhorn codes, ε = {sinkhornEpsilon}', kind: 'op', col: 5, row: 0, shape: 'B×{prototypes}', about: 'Balanced soft assignments of the global crops: every prototype gets an equal share of the batch.' },
    ],
    edges: [
      ...base.edges.filter((e) => e.to !== 'loss'),
      { from: 'h1', to: 'proto', order: 4 },
      { from: 'h2', to: 'proto', order: 4 },
      { from: 'proto', to: 'sk', order: 5, kind: 'stopgrad', label: 'codes, no gradient' },
      { from: 'sk', to: 'loss', order: 6, kind: 'stopgrad' },
      { from: 'proto', to: 'loss', order: 6, live: 'loss' },
    ],
  },
  explainer: {
    idea: 'Assign each crop to prototypes with an equal-share constraint (Sinkhorn-Knopp), then make every crop predict the assignment of another crop. Clustering online, with multi-crop.',
    formula: String.raw`\mathcal{L} = -\sum_{s \neq t} \sum_k q_s^{(k)} \log \frac{\exp(z_t\cdot c_k/\tau)}{\sum_{k'} \exp(z_t\cdot c_{k'}/\tau)},\qquad Q = \operatorname{Sinkhorn}\big(\exp(C^\top Z/\varepsilon)\big)`,
    collapse: 'Equipartition: Sinkhorn forces the batch to spread evenly over the prototypes, so all images cannot share one code.',
    paper: 'Caron, Misra, Mairal, Goyal, Bojanowski & Joulin, “Unsupervised Learning of Visual Features by Contrasting Cluster Assignments”, NeurIPS 2020',
    url: 'https://arxiv.org/abs/2006.09882',
  },
};
