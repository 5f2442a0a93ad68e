import type { MethodInside } from './inside/types';
import { pretextGraph } from './inside/templates';

export const jigsawInside: MethodInside = {
  graph: pretextGraph({ transform: 'shuffle 3×3 tiles', transformShape: '9B×h×w×C', head: 'permutation classifier', params: 'jigsawClassifier', classes: '{permutations}', labelAbout: 'Which of the permutations shuffled the tiles.', about: 'Nine tiles, shuffled by one permutation of a fixed set of maximal Hamming distance.' }),
  explainer: {
    idea: 'Cut the image into 3×3 tiles, shuffle them by one of a fixed set of permutations, and ask which permutation it was. The network must learn what parts look like and where they belong.',
    formula: String.raw`\mathcal{L} = -\frac1N \sum_i \log p_\theta\big(\pi_i \mid f(t_{\pi_i(1)}), \dots, f(t_{\pi_i(9)})\big)`,
    collapse: 'A fixed-target pretext task cannot collapse; tile gaps and jitter block the shortcut of matching tile borders.',
    paper: 'Noroozi & Favaro, “Unsupervised Learning of Visual Representations by Solving Jigsaw Puzzles”, ECCV 2016',
    url: 'https://arxiv.org/abs/1603.09246',
  },
};
