import type { MethodInside } from './inside/types';
import { twoBranchGraph } from './inside/templates';

export const simclrInside: MethodInside = {
  graph: twoBranchGraph({ head: { label: 'projector', params: 'projector', shape: 'B×{projDim}' }, target: 'shared', loss: { label: 'NT-Xent, τ = {temperature}', about: 'Each view must pick its partner out of the 2B − 1 other views in the batch.' } }),
  explainer: {
    idea: 'Two augmentations of the same image should map to nearby points, and away from every other image in the batch. One network sees both views; the other images of the batch are the negatives.',
    formula: String.raw`\ell_{i} = -\log \frac{\exp(\mathrm{sim}(z_i, z_{j(i)})/\tau)}{\sum_{k \neq i} \exp(\mathrm{sim}(z_i, z_k)/\tau)},\quad \mathcal{L} = \frac{1}{2N}\sum_{i=1}^{2N} \ell_i`,
    collapse: 'Negatives: mapping every image to one point would make every negative as similar as the positive, which the denominator punishes.',
    paper: 'Chen, Kornblith, Norouzi & Hinton, “A Simple Framework for Contrastive Learning of Visual Representations”, ICML 2020',
    url: 'https://arxiv.org/abs/2002.05709',
  },
};
