import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from '../../losses';
import type { ParamSet } from '../../nets/params';

/** A network part a target can be built from: its weights and a twin of itself (same names, fresh weights). */
export interface Twinnable<T> {
  params: ParamSet | readonly ParamSet[];
  clone(name: string): T;
}

/** An encoder and a head on its features: the online side of BYOL, MoCo, DINO, MSN. */
export interface OnlineNetwork<E extends Twinnable<E> & { apply(x: tf.Tensor4D): tf.Tensor2D }, H extends Twinnable<H> & { apply(x: tf.Tensor2D): tf.Tensor2D }> {
  encoder: E;
  head: H;
}

/**
 * A target (momentum) network: a copy of the online encoder and head that only ever changes by the
 * trainer's EMA (BYOL, Grill et al. 2020, §3.1; MoCo's key encoder, He et al. 2020, §3.2; DINO's
 * teacher, Caron et al. 2021, §3.1; MSN's target, Assran et al. 2022, §3). Its weights are not in the
 * method's `heads`, so the optimiser never sees them.
 */
export interface TargetNetwork<E, H> {
  encoder: E;
  head: H;
  /** (online, target) pairs in a fixed order (encoder, then head), for the trainer's EMA (train/ema.ts). */
  pairs: [tf.Variable, tf.Variable][];
  /** Its own BatchNorm running statistics (encoder, then head), which the EMA leaves alone; for checkpoints. */
  buffers: tf.Variable[];
  /** head(encoder(x)) of the target, with no gradient. */
  apply(x: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

/**
 * Builds the target of any backbone and head: each part's twin (clone), started at the online weights
 * (BYOL §3.1, MoCo Algorithm 1: "f_k.params = f_q.params"), paired with them by parameter name.
 *
 * BatchNorm in a target: the EMA moves weights only (γ and β included). Running statistics start as
 * the online's and are then the target's own, updated by its own passes inside the training step,
 * which use batch statistics — as the momentum encoder runs in train mode in MoCo's and BYOL's code
 * (solo-learn's momentum_pairs average parameters, not buffers). The probe reads the online encoder.
 */
export function createTargetNetwork<E extends Twinnable<E> & { apply(x: tf.Tensor4D): tf.Tensor2D }, H extends Twinnable<H> & { apply(x: tf.Tensor2D): tf.Tensor2D }>(
  online: OnlineNetwork<E, H>,
): TargetNetwork<E, H> {
  const encoder = online.encoder.clone('targetEncoder');
  const head = online.head.clone('targetHead');
  const pairs = [...twinPairs(online.encoder.params, encoder.params), ...twinPairs(online.head.params, head.params)];
  return {
    encoder,
    head,
    pairs,
    buffers: [encoder.params, head.params].flat().flatMap((set) => [...set.buffers.values()]),
    apply: (x) => tf.tidy(() => stopGradient(head.apply(encoder.apply(x)))),
    dispose() {
      for (const set of [encoder.params, head.params].flat()) set.dispose();
    },
  };
}

/** Pairs two parameter sets' weights by name, checking they match in number and shape, and copies the online values into the twin. */
export function twinPairs(online: ParamSet | readonly ParamSet[], twin: ParamSet | readonly ParamSet[]): [tf.Variable, tf.Variable][] {
  const [from, to] = [[online].flat(), [twin].flat()];
  if (from.length !== to.length) throw new Error(`target: ${to.length} parameter sets, online has ${from.length}`);
  const pairs = from.flatMap((o, i) => {
    const t = to[i];
    if (o.vars.size !== t.vars.size) throw new Error(`target ${t.prefix}: ${t.vars.size} weights, online ${o.prefix} has ${o.vars.size}`);
    return [...o.vars].map(([name, v]): [tf.Variable, tf.Variable] => {
      const w = t.vars.get(name);
      if (!w || w.shape.join() !== v.shape.join()) throw new Error(`target ${t.prefix}: weight ${name} missing or of another shape`);
      w.assign(v);
      return [v, w];
    });
  });
  from.forEach((o, i) => copyBuffers(o, to[i]));
  return pairs;
}

/** Starts a twin's running statistics at the online's (same names and shapes, as the weights). */
function copyBuffers(online: ParamSet, twin: ParamSet): void {
  for (const [name, b] of online.buffers) {
    const t = twin.buffers.get(name);
    if (!t || t.shape.join() !== b.shape.join()) throw new Error(`target ${twin.prefix}: buffer ${name} missing or of another shape`);
    t.assign(b);
  }
}
