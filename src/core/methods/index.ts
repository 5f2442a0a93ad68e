import type { MethodKey } from '../config/methods';
import { context } from './context';
import { inpainting } from './inpainting';
import { jigsaw } from './jigsaw';
import { rotation } from './rotation';
import { simclr } from './simclr';
import { moco } from './moco';
import { byol } from './byol';
import { simsiam } from './simsiam';
import { barlowtwins } from './barlowtwins';
import { vicreg } from './vicreg';
import { mae } from './mae';
import { msn } from './msn';
import { supervised } from './supervised';
import { deepcluster } from './deepcluster';
import { swav } from './swav';
import { dino } from './dino';
import type { MethodDefinition } from './types';

/** One line per method; the key names the file, this entry and the config value. */
export const METHODS: Record<MethodKey, MethodDefinition> = {
  context,
  jigsaw,
  inpainting,
  rotation,
  moco,
  simclr,
  byol,
  simsiam,
  barlowtwins,
  vicreg,
  deepcluster,
  swav,
  dino,
  mae,
  msn,
  supervised,
};

export type { MethodDefinition, MethodInstance, MethodContext, StepInput } from './types';
