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
import { supervisedSpec } from './supervised';

import type { MethodSpec, MetricSpec } from './types';

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
  supervised: supervisedSpec,
} as const;

export type MethodKey = keyof typeof METHOD_SPECS;
export const METHOD_KEYS = Object.keys(METHOD_SPECS) as MethodKey[];

/**
 * Label, hint and scale of a metric `method` emits, from its spec. A name the spec does not declare
 * (a run saved by another version, or an unknown method) is shown as it is, with a generic hint.
 */
export function methodMetric(method: MethodKey | string, name: string): Required<MetricSpec> {
  const specs: Readonly<Record<string, MethodSpec>> = METHOD_SPECS;
  const metrics = (Object.prototype.hasOwnProperty.call(specs, method) ? specs[method].metrics : undefined) ?? {};
  // Own keys only: 'toString' or 'constructor' is not a declared metric.
  if (Object.prototype.hasOwnProperty.call(metrics, name)) return { scale: 'auto', ...metrics[name] };
  return { label: name, hint: `Method-specific metric “${name}”, read with the collapse metrics.`, scale: 'auto' };
}
