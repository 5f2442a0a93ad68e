import type { MethodInside } from './inside/types';

export const maeInside: MethodInside = {
  graph: {
    nodes: [
      { id: 'x', label: 'images', kind: 'data', col: 0, row: 0.5, shape: 'B×H×W×C', about: 'A batch of unlabelled images.' },
      { id: 'mask', label: 'patchify, hide {maskRatio}', kind: 'op', col: 1, row: 0, shape: 'B×L_vis×P', about: 'The image as patches; a random share of them is removed before the encoder.' },
      { id: 'enc', label: 'ViT encoder (visible only)', kind: 'net', col: 2, row: 0, params: ['encoder'], shape: 'B×L_vis×{vitDim}' },
      { id: 'dec', label: 'decoder + mask tokens', kind: 'net', col: 3, row: 0, params: ['maeDecoder'], shape: 'B×L×P', about: 'A light transformer that sees the encoded patches plus a learned token for every hidden one.' },
      { id: 'target', label: 'target patches', kind: 'data', col: 2, row: 1, shape: 'B×L×P', about: 'The original pixels of each patch (per-patch normalised when normPixels is on).' },
      { id: 'loss', label: 'MSE on hidden patches', kind: 'loss', col: 4, row: 0.5, shape: 'scalar' },
    ],
    edges: [
      { from: 'x', to: 'mask', order: 1 },
      { from: 'mask', to: 'enc', order: 2 },
      { from: 'enc', to: 'dec', order: 3 },
      { from: 'dec', to: 'loss', order: 4, live: 'loss' },
      { from: 'x', to: 'target', order: 1, kind: 'stopgrad' },
      { from: 'target', to: 'loss', order: 4, kind: 'stopgrad' },
    ],
  },
  explainer: {
    idea: 'Hide most of the image’s patches, encode only the visible ones, and reconstruct the pixels of the hidden ones. A high mask ratio makes the task need understanding, not interpolation.',
    formula: String.raw`\mathcal{L} = \frac{1}{|M|} \sum_{i \in M} \frac{1}{P} \big\lVert \hat x_i - \tilde x_i \big\rVert^2,\qquad \tilde x_i = \frac{x_i - \mu(x_i)}{\sigma(x_i)} \text{ (normPixels)}`,
    collapse: 'The target is the image itself: no collapse; the mask ratio sets how much the model must infer.',
    paper: 'He, Chen, Xie, Li, Dollár & Girshick, “Masked Autoencoders Are Scalable Vision Learners”, CVPR 2022',
    url: 'https://arxiv.org/abs/2111.06377',
  },
};
