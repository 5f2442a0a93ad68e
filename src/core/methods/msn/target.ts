import type * as tf from '@tensorflow/tfjs-core';
import type { ParamSet } from '../../nets/params';

/**
 * Target networks start as exact copies of the online ones and then move only by the trainer's EMA
 * (BYOL, Grill et al. 2020, §3.1; MSN, Assran et al. 2022, §3). Pairs are matched by parameter name,
 * so the two sets must have been built by the same code.
 */
export function copyInto(online: ParamSet, target: ParamSet): void {
  for (const [online_, target_] of pairByName(online, target)) target_.assign(online_);
}

export function pairByName(online: ParamSet, target: ParamSet): [tf.Variable, tf.Variable][] {
  if (online.vars.size !== target.vars.size) throw new Error(`${online.prefix} has ${online.vars.size} parameters, ${target.prefix} ${target.vars.size}`);
  return [...online.vars].map(([name, v]) => {
    const t = target.vars.get(name);
    if (!t || t.shape.join() !== v.shape.join()) throw new Error(`${target.prefix} has no parameter ${name} shaped like ${online.prefix}'s`);
    return [v, t];
  });
}
