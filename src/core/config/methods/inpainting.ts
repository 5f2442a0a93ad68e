import type { MethodSpec } from './types';

export const inpaintingSpec = {
  key: 'inpainting',
  label: 'Inpainting (context encoder)',
  group: 'pretext',
  blurb: 'Hide a square of each image and train the encoder plus a small decoder to paint it back in (L2, optionally plus an adversarial term).',
  paper: 'Pathak, Krähenbühl, Donahue, Darrell & Efros, “Context Encoders: Feature Learning by Inpainting”, CVPR 2016',
  knobs: [
    { name: 'region', label: 'Hidden region', kind: 'enum', default: 'center', options: ['center', 'random'], help: 'center: the same central square in every image (paper §3.3, “central region”); random: one square at a random place per image and step (in the spirit of the paper’s random blocks, §3.3).' },
    { name: 'holeSize', label: 'Hole size (px)', kind: 'int', default: 14, min: 4, max: 24, help: 'Side of the hidden square. Paper: the central 1/4 of the image area (64 px of 128), i.e. half the side: 14 of 28 px.' },
    { name: 'holeOverlap', label: 'Overlap (px)', kind: 'int', default: 0, min: 0, max: 4, help: 'Also predict a ring this wide around the hole (visible in the input) with 10× loss weight, for seamless borders. Paper: a slightly larger region than the hole, the overlap weighted 10× (§5.1: a few px around a 64-px hole). 0 = off.' },
    { name: 'advWeight', label: 'Adversarial weight', kind: 'number', default: 0, min: 0, max: 0.5, step: 0.001, help: 'λ_adv of loss = (1 − λ_adv)·L2 + λ_adv·adversarial, with a small discriminator trained alongside. Paper: 0.001 with 0.999 for L2 (§5.1). 0 = L2 only, no discriminator.' },
  ],
  metrics: {
    reconstructionL2: { label: 'Reconstruction L2 (hidden region)', hint: 'Context encoder: squared error on the hidden region only, without the adversarial term.', scale: 'fromZero' },
    discriminatorLoss: { label: 'Discriminator loss', hint: 'Context encoder’s adversarial term: log 4 ≈ 1.39 when the discriminator cannot tell filled-in images from real ones.', scale: 'fromZero' },
  },
} as const satisfies MethodSpec;
