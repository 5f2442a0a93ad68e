import type { MethodInside } from './inside/types';

export const deepclusterInside: MethodInside = {
  graph: {
    nodes: [
      { id: 'x', label: 'images', kind: 'data', col: 0, row: 0.5, shape: 'B×H×W×C', about: 'A batch of unlabelled images.' },
      { id: 'aug', label: 'augment', kind: 'op', col: 1, row: 0, shape: 'B×H×W×C' },
      { id: 'enc', label: 'encoder', kind: 'net', col: 2, row: 0, params: ['encoder'], shape: 'B×F', shared: 'encoder' },
      { id: 'head', label: 'classifier', kind: 'net', col: 3, row: 0, params: ['clusterHead'], shape: 'B×{k}' },
      { id: 'km', label: 'PCA + k-means (k = {k})', kind: 'op', col: 2, row: 1, shape: 'n pseudo-labels', about: 'Every epoch: features of all unlabelled images, PCA-whitened, clustered; the clusters are the next labels.' },
      { id: 'loss', label: 'cross-entropy vs clusters', kind: 'loss', col: 4, row: 0.5, shape: 'scalar' },
    ],
    edges: [
      { from: 'x', to: 'aug', order: 1 },
      { from: 'aug', to: 'enc', order: 2 },
      { from: 'enc', to: 'head', order: 3 },
      { from: 'head', to: 'loss', order: 4, live: 'loss' },
      { from: 'x', to: 'km', order: 0, kind: 'stopgrad', label: 'every epoch' },
      { from: 'km', to: 'loss', order: 4, kind: 'stopgrad', label: 'pseudo-labels', live: 'nmi' },
    ],
  },
  explainer: {
    idea: 'Alternate: cluster the features of all images with k-means, then train the network to predict each image’s cluster. Features and clusters improve each other.',
    formula: String.raw`\min_{\theta, W} \frac1N \sum_{n} \ell\big(g_W(f_\theta(x_n)), y_n\big),\qquad y = \operatorname*{arg\,min}_{C}\; \sum_n \min_{y_n} \lVert f_\theta(x_n) - C y_n \rVert^2`,
    collapse: 'Empty clusters are re-seeded and classes are sampled uniformly (or weighted by 1/size), so one giant cluster cannot win.',
    paper: 'Caron, Bojanowski, Joulin & Douze, “Deep Clustering for Unsupervised Learning of Visual Features”, ECCV 2018',
    url: 'https://arxiv.org/abs/1807.05520',
  },
};
