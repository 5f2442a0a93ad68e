import type { MethodInside } from './inside/types';

export const inpaintingInside: MethodInside = {
  graph: {
    nodes: [
      { id: 'x', label: 'images', kind: 'data', col: 0, row: 0.5, shape: 'B×H×W×C', about: 'A batch of unlabelled images.' },
      { id: 'hole', label: 'cut a hole', kind: 'op', col: 1, row: 0, shape: 'B×H×W×C', about: 'A region of each image is blanked out.' },
      { id: 'enc', label: 'encoder', kind: 'net', col: 2, row: 0, params: ['encoder'], shape: 'B×F' },
      { id: 'dec', label: 'decoder', kind: 'net', col: 3, row: 0, params: ['inpaintDecoder'], shape: 'B×H×W×C', about: 'Up-convolutions from the encoder’s feature map back to pixels.' },
      { id: 'disc', label: 'discriminator', kind: 'net', col: 3, row: 1, shape: 'B×1', about: 'Tells real images from filled-in ones (trained by its own optimiser, not counted with the model); its verdict is the adversarial term (weight advWeight; 0 turns it off).' },
      { id: 'loss', label: 'L2 in the hole (+ adversarial × {advWeight})', kind: 'loss', col: 4, row: 0.5, shape: 'scalar', about: 'Squared error of the filled-in pixels against the originals, plus an optional GAN term.' },
    ],
    edges: [
      { from: 'x', to: 'hole', order: 1 },
      { from: 'hole', to: 'enc', order: 2 },
      { from: 'enc', to: 'dec', order: 3 },
      { from: 'dec', to: 'loss', order: 4, live: 'loss' },
      { from: 'x', to: 'loss', order: 4, kind: 'stopgrad', label: 'original pixels' },
      { from: 'dec', to: 'disc', order: 4, live: 'discriminatorLoss', label: 'D loss' },
      { from: 'disc', to: 'loss', order: 5 },
    ],
  },
  explainer: {
    idea: 'Blank out a region and train an encoder–decoder to paint it back from the context around it. An adversarial term makes the filling sharp instead of a blurry average.',
    formula: String.raw`\mathcal{L} = \big\lVert \hat M \odot \big(x - F((1 - \hat M)\odot x)\big) \big\rVert_2^2 \;+\; \lambda_{adv}\, \mathcal{L}_{adv}`,
    collapse: 'The target is the image itself, so there is nothing to collapse to; the risk is learning texture statistics rather than objects.',
    paper: 'Pathak, Krähenbühl, Donahue, Darrell & Efros, “Context Encoders: Feature Learning by Inpainting”, CVPR 2016',
    url: 'https://arxiv.org/abs/1604.07379',
  },
};
