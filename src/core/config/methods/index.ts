import { contextSpec } from './context';
import { inpaintingSpec } from './inpainting';
import { jigsawSpec } from './jigsaw';
import { rotationSpec } from './rotation';
import { simclrSpec } from './simclr';
import { mocoSpec } from './moco';
import { byolSpec } from './byol';
import { simsiamSpec } from './simsiam';
import { barlowtwinsSpec } from './barlowtwins';
import { vicregSpec } from './vicreg';
import { maeSpec } from './mae';
import { msnSpec } from './msn';
import { deepclusterSpec } from './deepcluster';
import { swavSpec } from './swav';
import { dinoSpec } from './dino';

export * from './types';

/**
 * Every method's spec, in the order of the SSL story (the picker groups them by `group`). One line
 * per method; the key names this entry, src/core/methods/<key>.ts and the config value.
 */
export const METHOD_SPECS = {
  context: contextSpec,
  jigsaw: jigsawSpec,
  inpainting: inpaintingSpec,
  rotation: rotationSpec,
  moco: mocoSpec,
  simclr: simclrSpec,
  byol: byolSpec,
  simsiam: simsiamSpec,
  barlowtwins: barlowtwinsSpec,
  vicreg: vicregSpec,
  deepcluster: deepclusterSpec,
  swav: swavSpec,
  dino: dinoSpec,
  mae: maeSpec,
  msn: msnSpec,
} as const;

export type MethodKey = keyof typeof METHOD_SPECS;
export const METHOD_KEYS = Object.keys(METHOD_SPECS) as MethodKey[];
