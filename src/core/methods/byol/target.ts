import * as tf from '@tensorflow/tfjs-core';
import { createBackbone } from '../../nets/backbones';
import type { Encoder } from '../../nets/convnet';
import { createMlp, type Block, type Mlp } from '../../nets/mlp';
import type { ParamSet } from '../../nets/params';
import { mixSeed } from '../../random';
import type { MethodContext } from '../types';

/**
 * A target (momentum) network: a copy of the online encoder and head that only ever changes by the
 * trainer's EMA (BYOL, Grill et al. 2020, §3.1; MoCo's key encoder, He et al. 2020, §3.2). MoCo and
 * BYOL both use it. Its weights are not in the method's `heads`, so the optimiser never sees them.
 */
export interface TargetNetwork {
  encoder: Encoder;
  head: Mlp;
  /** (online, target) pairs in a fixed order, for the trainer's EMA. */
  pairs: [tf.Variable, tf.Variable][];
  /** head(encoder(x)) of the target, gradient-free by construction of its caller (stopGradient). */
  apply(x: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

/** Pairs `online` and `target` weights by name and copies the online values into the target. */
export function copyInto(online: ParamSet, target: ParamSet): [tf.Variable, tf.Variable][] {
  const names = [...online.vars.keys()];
  if (names.length !== target.vars.size) throw new Error(`target ${target.prefix}: ${target.vars.size} weights, online has ${names.length}`);
  return names.map((name) => {
    const o = online.vars.get(name)!;
    const t = target.vars.get(name);
    if (!t || t.shape.join() !== o.shape.join()) throw new Error(`target ${target.prefix}: weight ${name} missing or of another shape`);
    // Identical start (BYOL §3.1, MoCo Algorithm 1: "f_k.params = f_q.params").
    t.assign(o);
    return [o, t];
  });
}

/** Builds the target copy of ctx.encoder (a ConvNet) and of the head described by `headBlocks`. */
export function createTargetNetwork(ctx: MethodContext, onlineHead: Mlp, headBlocks: readonly Block[]): TargetNetwork {
  const encoder = createBackbone('convnet', {
    channels: ctx.channels,
    height: ctx.height,
    width: ctx.width,
    encoderWidth: ctx.config.width,
    seed: mixSeed(ctx.seed, 0x7a6),
    params: ctx.config.params,
  });
  const head = createMlp(headBlocks, { seed: mixSeed(ctx.seed, 0x7a7), name: 'targetHead' });
  const pairs = [...copyInto(ctx.encoder.params, encoder.params), ...copyInto(onlineHead.params, head.params)];
  return {
    encoder,
    head,
    pairs,
    apply: (x) => head.apply(encoder.apply(x)),
    dispose() {
      encoder.params.dispose();
      head.params.dispose();
    },
  };
}
