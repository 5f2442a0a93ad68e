import * as tf from '@tensorflow/tfjs-core';
import { readTensor, toTensor, type OptimizerState } from './checkpoint';

/**
 * The optimisers the papers use, written out so that weight decay, warm-up and the schedule mean the
 * same for every one of them (tfjs has no AdamW or LARS, and its Adam has ε = 1e-7 where PyTorch's is
 * 1e-8). Each follows PyTorch's update rule, so a config means the same step as the reference scripts.
 *
 * - adam (Kingma & Ba 2015; PyTorch Adam): g ← g + wd·w; m, v with β = (0.9, β2), β2 0.999 unless the
 *   config's `beta2` says otherwise (MAE: 0.95), bias-corrected;
 *   w ← w − lr·m̂ / (√v̂ + 1e-8).
 * - adamw (Loshchilov & Hutter 2019; PyTorch AdamW): w ← w·(1 − lr·wd), then Adam without decay in g.
 *   Only weights with more than one axis decay: biases and norm layers' γ, β do not, as in the param
 *   groups of MAE's, DINO's and MSN's code (timm's `param_groups_weight_decay`).
 * - sgd (PyTorch SGD, momentum 0.9 as MoCo): g ← g + wd·w; b ← 0.9·b + g; w ← w − lr·b.
 * - lars (You et al. 2017, as SimCLR's and BYOL's code): for weights with more than one axis,
 *   g ← (g + wd·w)·η‖w‖ / ‖g + wd·w‖ with η = 0.001 (a zero norm gives factor 1); biases and
 *   BatchNorm's γ, β are neither decayed nor adapted (SimCLR §B.1); then SGD momentum 0.9.
 */
export const OPTIMIZERS = ['adam', 'adamw', 'sgd', 'lars'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

const BETA1 = 0.9;
const BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;
const MOMENTUM = 0.9;
const LARS_TRUST = 0.001;

export interface Optimizer {
  /** Read on every step; the trainer sets it from the schedule before each update. */
  learningRate: number;
  /** Minimises f over vars: one update; returns f's value (caller disposes). Gradients are disposed. */
  minimize(f: () => tf.Scalar, vars: tf.Variable[]): tf.Scalar;
  /**
   * The whole state for a checkpoint, read back asynchronously: the update count and each of `vars`'
   * slots (Adam's m and v, the momentum buffer), in `vars` order; a weight that never had a gradient
   * has none. The bias corrections are recomputed from the count, so nothing else is needed.
   */
  saveState(vars: readonly tf.Variable[]): Promise<OptimizerState>;
  /** Puts a saved state into this optimiser before its first update (same kind, same weights). */
  loadState(state: OptimizerState, vars: readonly tf.Variable[]): void;
  dispose(): void;
}

/**
 * `beta1` overrides Adam's first-moment decay (a GAN discriminator's 0.5, DCGAN §4); 0.9 otherwise.
 * `beta2` its second-moment decay (MAE's AdamW: 0.95, He et al. 2022, Table 8); 0.999 otherwise.
 */
export function createOptimizer(kind: OptimizerKind, opts: { learningRate: number; weightDecay: number; beta1?: number; beta2?: number }): Optimizer {
  const { weightDecay } = opts;
  const beta1 = opts.beta1 ?? BETA1;
  const beta2 = opts.beta2 ?? BETA2;
  const slots = new Map<tf.Variable, tf.Variable[]>();
  const slot = (v: tf.Variable, count: number): tf.Variable[] => {
    let s = slots.get(v);
    if (!s) {
      s = tf.tidy(() => Array.from({ length: count }, () => tf.variable(tf.zerosLike(v), false)));
      slots.set(v, s);
    }
    return s;
  };
  let t = 0;
  const update = (v: tf.Variable, g: tf.Tensor, lr: number): void => {
    switch (kind) {
      case 'adam':
      case 'adamw': {
        const [m, s] = slot(v, 2);
        if (kind === 'adam' && weightDecay > 0) g = tf.add(g, tf.mul(v, weightDecay));
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        s.assign(tf.add(tf.mul(s, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const mHat = tf.div(m, 1 - beta1 ** t);
        const sHat = tf.div(s, 1 - beta2 ** t);
        const decayed = kind === 'adamw' && weightDecay > 0 && v.rank > 1 ? tf.mul(v, 1 - lr * weightDecay) : v;
        v.assign(tf.sub(decayed, tf.mul(tf.div(mHat, tf.add(tf.sqrt(sHat), ADAM_EPSILON)), lr)));
        return;
      }
      case 'sgd':
      case 'lars': {
        const [b] = slot(v, 1);
        const adapted = kind === 'lars' && v.rank > 1;
        if (weightDecay > 0 && (kind === 'sgd' || adapted)) g = tf.add(g, tf.mul(v, weightDecay));
        if (adapted) g = tf.mul(g, larsTrustRatio(v, g));
        b.assign(tf.add(tf.mul(b, MOMENTUM), g));
        v.assign(tf.sub(v, tf.mul(b, lr)));
        return;
      }
    }
  };
  return {
    learningRate: opts.learningRate,
    minimize(f, vars) {
      const { value, grads } = tf.variableGrads(f, vars);
      t += 1;
      const lr = this.learningRate;
      tf.tidy(() => {
        for (const v of vars) {
          const g = grads[v.name];
          if (g) update(v, g, lr);
        }
      });
      tf.dispose(Object.values(grads));
      return value;
    },
    async saveState(vars) {
      const saved = await Promise.all(vars.map((v) => Promise.all((slots.get(v) ?? []).map(readTensor))));
      return { kind, step: t, slots: saved };
    },
    loadState(state, vars) {
      if (t !== 0 || slots.size > 0) throw new Error('checkpoint: restore needs an optimiser that has not stepped');
      if (state.kind !== kind) throw new Error(`checkpoint: optimiser ${state.kind}, this run uses ${kind}`);
      if (state.slots.length !== vars.length) throw new Error(`checkpoint: optimiser state for ${state.slots.length} weights, this run has ${vars.length}`);
      const count = kind === 'adam' || kind === 'adamw' ? 2 : 1;
      state.slots.forEach((saved, i) => {
        const v = vars[i];
        if (saved.length === 0) return;
        if (saved.length !== count || saved.some((d) => d.shape.join() !== v.shape.join())) {
          throw new Error(`checkpoint: optimiser slots of weight ${i} do not fit its shape [${v.shape}]`);
        }
        slots.set(v, saved.map((d) => tf.tidy(() => tf.variable(toTensor(d), false))));
      });
      t = state.step;
    },
    dispose() {
      for (const s of slots.values()) tf.dispose(s);
      slots.clear();
    },
  };
}

/** η‖w‖ / ‖g‖, `g` already holding g + wd·w (SimCLR's LARS); 1 when either norm is 0 (zero weights, no gradient). */
function larsTrustRatio(w: tf.Tensor, g: tf.Tensor): tf.Scalar {
  const wn = tf.norm(w);
  const gn = tf.norm(g);
  const ok = tf.logicalAnd(tf.greater(wn, 0), tf.greater(gn, 0));
  return tf.where(ok, tf.div(tf.mul(wn, LARS_TRUST), tf.maximum(gn, 1e-30)), tf.onesLike(wn)) as tf.Scalar;
}

/**
 * The learning rate of 1-based `step` of `total`: linear warm-up from base/warmup to base over the
 * first `warmup` steps (Goyal et al. 2017), then constant, or half a cosine from base towards 0 at
 * the last step (Loshchilov & Hutter 2017).
 */
export function scheduledLearningRate(step: number, total: number, base: number, warmup: number, schedule: 'constant' | 'cosine'): number {
  if (warmup > 0 && step <= warmup) return (base * step) / warmup;
  if (schedule === 'constant') return base;
  const progress = Math.min(1, Math.max(0, (step - warmup) / Math.max(1, total - warmup)));
  return base * 0.5 * (1 + Math.cos(Math.PI * progress));
}
