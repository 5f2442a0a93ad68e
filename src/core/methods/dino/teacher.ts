import * as tf from '@tensorflow/tfjs-core';
import type { ParamSet } from '../../nets/params';

/**
 * The teacher starts as an exact copy of the student (Caron et al. 2021, §3.1: both share the
 * architecture; the teacher is built from the student's weights) and afterwards moves only by the
 * trainer's EMA. Parameter sets are paired by name.
 */
export function copyInto(from: ParamSet, to: ParamSet): void {
  for (const [name, target] of to.vars) {
    const source = from.vars.get(name);
    if (!source) throw new Error(`${to.prefix}: no parameter ${name} in ${from.prefix}`);
    target.assign(source);
  }
}

/** (online, target) pairs of two parameter sets with the same names, for trainer/ema.ts. */
export function pairsByName(online: ParamSet, target: ParamSet): [tf.Variable, tf.Variable][] {
  return [...online.vars].map(([name, v]) => {
    const t = target.vars.get(name);
    if (!t) throw new Error(`${target.prefix}: no parameter ${name}`);
    return [v, t];
  });
}

/** DINO's teacher-temperature warm-up: linear from `start` at step 1 to `end` at step `warmup`, then `end` (np.linspace over the warm-up). */
export function teacherTempAt(step: number, start: number, end: number, warmup: number): number {
  if (warmup <= 0 || step >= warmup) return end;
  return start + ((end - start) * (Math.max(step, 1) - 1)) / Math.max(1, warmup - 1);
}
