import { rotationSpec } from './rotation';
import { simclrSpec } from './simclr';

export * from './types';

/**
 * Every method's spec, in the order of the SSL story (the picker groups them by `group`). One line
 * per method; the key names this entry, src/core/methods/<key>.ts and the config value.
 */
export const METHOD_SPECS = {
  rotation: rotationSpec,
  simclr: simclrSpec,
} as const;

export type MethodKey = keyof typeof METHOD_SPECS;
export const METHOD_KEYS = Object.keys(METHOD_SPECS) as MethodKey[];
