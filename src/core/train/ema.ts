import * as tf from '@tensorflow/tfjs-core';

/**
 * target ← τ·target + (1 − τ)·online for every pair (BYOL, Grill et al. 2020, eq. 1; MoCo's momentum
 * encoder). Lives here once; methods only declare their pairs (solo-learn's momentum_pairs habit).
 */
export function emaUpdate(pairs: readonly [tf.Variable, tf.Variable][], tau: number): void {
  tf.tidy(() => {
    for (const [online, target] of pairs) {
      target.assign(tf.add(tf.mul(target, tau), tf.mul(online, 1 - tau)));
    }
  });
}

/** BYOL's schedule: τ rises from base to 1 along a cosine, τ_k = 1 − (1 − τ_base)(cos(πk/K) + 1)/2. */
export function cosineMomentum(base: number, step: number, totalSteps: number): number {
  const progress = Math.min(1, Math.max(0, step / Math.max(1, totalSteps)));
  return 1 - ((1 - base) * (Math.cos(Math.PI * progress) + 1)) / 2;
}
