import type { MethodInside } from './inside/types';
import { pretextGraph } from './inside/templates';

export const rotationInside: MethodInside = {
  graph: pretextGraph({ transform: 'rotate 0/90/180/270°', transformShape: '4B×H×W×C', head: 'linear head', params: 'rotationHead', classes: '4', labelAbout: 'Which of the four turns each image got.', about: 'Every image at all four rotations, in one batch.' }),
  explainer: {
    idea: 'Turn each image by 0, 90, 180 or 270 degrees and ask the network which. To answer, it has to recognise what the object is and which way is up.',
    formula: String.raw`\mathcal{L} = -\frac{1}{4N} \sum_{i=1}^{N} \sum_{r=0}^{3} \log p_\theta\big(r \mid \mathrm{rot}_r(x_i)\big)`,
    collapse: 'A pretext task has a fixed target, so it cannot collapse; the risk is shortcuts (low-level cues that give away the rotation without semantics).',
    paper: 'Gidaris, Singh & Komodakis, “Unsupervised Representation Learning by Predicting Image Rotations”, ICLR 2018',
    url: 'https://arxiv.org/abs/1803.07728',
  },
};
