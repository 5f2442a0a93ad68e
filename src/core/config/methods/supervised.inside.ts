import type { MethodInside } from './inside/types';

/** The supervised reference: not an SSL method, drawn so the model graph shows what it trains. */
export const supervisedInside: MethodInside = {
  graph: {
    nodes: [
      { id: 'x', label: 'labelled images', kind: 'data', col: 0, row: 0, shape: 'B×H×W×C', about: 'A batch of probe-train images, the only labelled images a run has.' },
      { id: 'aug', label: 'augment', kind: 'op', col: 1, row: 0, shape: 'B×H×W×C', about: 'One augmented view per image (the augmentation panel), or the plain image with Augment off.' },
      { id: 'y', label: 'class labels', kind: 'data', col: 1, row: 1, shape: 'B', about: 'The true class of each image: what SSL methods never see.' },
      { id: 'enc', label: 'encoder', kind: 'net', col: 2, row: 0, params: ['encoder'], shape: 'B×F' },
      { id: 'head', label: 'linear classifier', kind: 'net', col: 3, row: 0, params: ['classifier'], shape: 'B×classes' },
      { id: 'loss', label: 'cross-entropy', kind: 'loss', col: 4, row: 0.5, shape: 'scalar', about: 'How badly the classifier predicts the true class.' },
    ],
    edges: [
      { from: 'x', to: 'aug', order: 1 },
      { from: 'aug', to: 'enc', order: 2 },
      { from: 'enc', to: 'head', order: 3 },
      { from: 'head', to: 'loss', order: 4, live: 'loss' },
      { from: 'y', to: 'loss', order: 4, kind: 'stopgrad' },
    ],
  },
  explainer: {
    idea: 'Not self-supervised: the same encoder trained with the labels of the probe-train images, for the same steps. Its probe is the line the SSL methods are measured against from above.',
    formula: String.raw`\mathcal{L} = -\frac{1}{N} \sum_{i=1}^{N} \log p_\theta\big(y_i \mid \mathrm{aug}(x_i)\big)`,
    collapse: 'The labels are a fixed target, so it cannot collapse; with few labelled images it can overfit them.',
    paper: 'Kolesnikov, Zhai & Beyer, “Revisiting Self-Supervised Visual Representation Learning”, CVPR 2019',
    url: 'https://arxiv.org/abs/1901.09005',
  },
};
