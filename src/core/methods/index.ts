import type { MethodKey } from '../config/methods';
import { rotation } from './rotation';
import { simclr } from './simclr';
import type { MethodDefinition } from './types';

/** One line per method; the key names the file, this entry and the config value. */
export const METHODS: Record<MethodKey, MethodDefinition> = {
  rotation,
  simclr,
};

export type { MethodDefinition, MethodInstance, MethodContext, StepInput } from './types';
