import type { MethodInside } from './inside/types';
import { twoBranchGraph } from './inside/templates';

const base = twoBranchGraph({ head: { label: 'projector', params: 'projector', shape: 'B×{projDim}' }, target: 'ema', views: ['masked anchor views', 'target view'], loss: { label: 'CE + me-max × {meMaxWeight}', about: 'Anchors’ prototype assignments match the target’s sharpened ones; me-max keeps the average assignment spread.' } });

export const msnInside: MethodInside = {
  graph: {
    nodes: [
      ...base.nodes.map((n) => (n.id === 'loss' ? { ...n, col: 5 } : n.id === 'enc1' ? { ...n, label: 'ViT encoder' } : n.id === 'enc2' ? { ...n, label: 'target ViT' } : n)),
      { id: 'proto', label: 'prototypes ({prototypes})', kind: 'param', col: 4, row: 0.5, params: ['prototypes'], shape: '{prototypes}×{projDim}', about: 'Trainable unit vectors; anchors and targets are assigned to them by softmax of cosines.' },
    ],
    edges: [
      ...base.edges.filter((e) => e.to !== 'loss'),
      { from: 'h1', to: 'proto', order: 4 },
      { from: 'h2', to: 'proto', order: 4, kind: 'stopgrad', label: 'sharpened, no gradient' },
      { from: 'proto', to: 'loss', order: 5, live: 'loss' },
    ],
  },
  explainer: {
    idea: 'Masked views of an image must be assigned to the same learned prototypes as the unmasked view seen by an EMA target. Masking, Siamese networks and clustering in one.',
    formula: String.raw`\mathcal{L} = \frac{1}{MB} \sum_{i,m} H\big(p^+_i, p_{i,m}\big) - \lambda\, H(\bar p),\quad p = \mathrm{softmax}\Big(\frac{z\cdot q}{\tau}\Big),\ p^+ = \mathrm{softmax}\Big(\frac{z^+\cdot q}{\tau^+}\Big)`,
    collapse: 'The mean-entropy maximisation (me-max) regulariser keeps all prototypes in use, with the EMA target and target sharpening.',
    paper: 'Assran, Caron, Misra, Bojanowski, Bordes, Vincent, Joulin, Rabbat & Ballas, “Masked Siamese Networks for Label-Efficient Learning”, ECCV 2022',
    url: 'https://arxiv.org/abs/2204.07141',
  },
};
