import type { MethodKey } from './index';
import type { MethodInside } from './inside/types';
import { barlowtwinsInside } from './barlowtwins.inside';
import { byolInside } from './byol.inside';
import { contextInside } from './context.inside';
import { deepclusterInside } from './deepcluster.inside';
import { dinoInside } from './dino.inside';
import { inpaintingInside } from './inpainting.inside';
import { jigsawInside } from './jigsaw.inside';
import { maeInside } from './mae.inside';
import { mocoInside } from './moco.inside';
import { msnInside } from './msn.inside';
import { rotationInside } from './rotation.inside';
import { simclrInside } from './simclr.inside';
import { simsiamInside } from './simsiam.inside';
import { supervisedInside } from './supervised.inside';
import { swavInside } from './swav.inside';
import { vicregInside } from './vicreg.inside';

/** Each method's graph and explainer (see-inside panels), keyed like METHOD_SPECS: one line per method. */
export const METHOD_INSIDE: Record<MethodKey, MethodInside> = {
  context: contextInside,
  jigsaw: jigsawInside,
  inpainting: inpaintingInside,
  rotation: rotationInside,
  moco: mocoInside,
  simclr: simclrInside,
  byol: byolInside,
  simsiam: simsiamInside,
  barlowtwins: barlowtwinsInside,
  vicreg: vicregInside,
  deepcluster: deepclusterInside,
  swav: swavInside,
  dino: dinoInside,
  mae: maeInside,
  msn: msnInside,
  supervised: supervisedInside,
};
