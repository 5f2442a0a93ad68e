import type { MethodInside } from './inside/types';
import { pretextGraph } from './inside/templates';

export const contextInside: MethodInside = {
  graph: pretextGraph({ transform: 'centre + neighbour patch', transformShape: '2B×h×w×C', head: 'pair classifier', params: 'contextClassifier', classes: '8', labelAbout: 'Where the neighbour sits around the centre: one of 8 positions.', about: 'A centre patch and one of its 8 neighbours, with a gap and jitter against shortcuts.' }),
  explainer: {
    idea: 'Show the network a patch and one of its eight neighbours and ask where the neighbour sits. Solving it needs an understanding of object parts and their layout.',
    formula: String.raw`\mathcal{L} = -\frac1N \sum_{i} \log p_\theta\big(y_i \mid f(\text{centre}_i), f(\text{neighbour}_i)\big),\quad y_i \in \{1,\dots,8\}`,
    collapse: 'A fixed-target pretext task cannot collapse; the gap and jitter between patches stop the trivial shortcut of matching edges.',
    paper: 'Doersch, Gupta & Efros, “Unsupervised Visual Representation Learning by Context Prediction”, ICCV 2015',
    url: 'https://arxiv.org/abs/1505.05192',
  },
};
