import type { MethodSpec } from './types';

export const inpaintingSpec = {
  key: 'inpainting',
  label: 'Inpainting (context encoder)',
  group: 'pretext',
  blurb: 'Hide a square of each image and train the encoder plus a small decoder to paint it back in (L2, optionally plus an adversarial term).',
  paper: 'Pathak, Krähenbühl, Donahue, Darrell & Efros, “Context Encoders: Feature Learning by Inpainting”, CVPR 2016',
  knobs: [
    // random and 8 px (issue 11, link format v6): the central 14-px square of the paper's §3.3 hides most of a digit,
    // and the encoder learns to fill that one place; a small square anywhere makes it use every part of the digit.
    // MNIST at the defaults, seed 1, in the PyTorch export (npm run export; 500 steps): centre 14 px probes 75.6%,
    // random 14 px 84.0%, random 10 px 84.5%, random 8 px 86.7%, random 6 px 84.4%. The app's runs: docs/FINDINGS.md.
    { name: 'region', label: 'Hidden region', kind: 'enum', default: 'random', options: ['center', 'random'], help: 'random: one square at a random place per image and step (the paper’s random blocks, §3.3, which it finds give better features than a fixed centre); center: the same central square in every image (§3.3, “central region”), which here teaches the encoder to paint one place and probes about 10 points lower.' },
    { name: 'holeSize', label: 'Hole size (px)', kind: 'int', default: 8, min: 4, max: 24, help: 'Side of the hidden square. Paper: the central 1/4 of the image area (64 px of 128), i.e. half the side, 14 of 28 px; at random places 8 px (8% of a digit) probed best here, 2–3 points above 6, 10 and 14 px.' },
    { name: 'holeOverlap', label: 'Overlap (px)', kind: 'int', default: 0, min: 0, max: 4, help: 'Also predict a ring this wide around the hole (visible in the input) with 10× loss weight, for seamless borders. Paper: a slightly larger region than the hole, the overlap weighted 10× (§5.1: a few px around a 64-px hole). 0 = off.' },
    { name: 'advWeight', label: 'Adversarial weight', kind: 'number', default: 0, min: 0, max: 0.5, step: 0.001, help: 'λ_adv of loss = (1 − λ_adv)·L2 + λ_adv·adversarial, with a small discriminator trained alongside. Paper: 0.001 with 0.999 for L2 (§5.1). 0 = L2 only, no discriminator.' },
  ],
  metrics: {
    reconstructionL2: { label: 'Reconstruction L2 (hidden region)', hint: 'Context encoder: squared error on the hidden region only, without the adversarial term.', scale: 'fromZero' },
    discriminatorLoss: { label: 'Discriminator loss', hint: 'Context encoder’s adversarial term: log 4 ≈ 1.39 when the discriminator cannot tell filled-in images from real ones.', scale: 'fromZero' },
  },
} as const satisfies MethodSpec;
