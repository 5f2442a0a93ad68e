import type { MethodKey } from '../config/methods';

/**
 * Which methods the PyTorch export carries (python/methods/<key>.py), and for each one it does not, why:
 * the export refuses those with the reason rather than shipping a cousin of the experiment.
 */
export const EXPORTED_METHODS = ['simclr', 'moco', 'byol', 'simsiam', 'barlowtwins', 'vicreg', 'swav', 'rotation', 'dino', 'jigsaw', 'context', 'mae', 'msn', 'inpainting'] as const satisfies readonly MethodKey[];
export type ExportedMethod = (typeof EXPORTED_METHODS)[number];

const NOT_YET = 'is not in the PyTorch export yet';
export const NOT_EXPORTED: Partial<Record<MethodKey, string>> = {
  deepcluster: `deepcluster ${NOT_YET}: its k-means over the whole dataset between steps has no PyTorch port`,
  supervised: 'supervised is the labelled reference, not a self-supervised experiment to export',
};

export function isExported(method: string): method is ExportedMethod {
  return (EXPORTED_METHODS as readonly string[]).includes(method);
}
