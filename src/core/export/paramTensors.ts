import type { ParamSet } from '../nets/params';
import type { NamedTensor } from './tensorFile';

/**
 * Every weight and buffer of `sets` under the names train.py's `--init-from` reads (`prefix/name`), copied to
 * the host (a one-off read for an export or a test, never inside a training loop).
 */
export function paramSetTensors(sets: readonly ParamSet[]): NamedTensor[] {
  return sets.flatMap((set) => [...set.vars, ...set.buffers].map(([name, v]) => ({ name: `${set.prefix}/${name}`, shape: [...v.shape], values: Float32Array.from(v.dataSync()) })));
}
