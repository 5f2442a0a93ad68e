import * as tf from '@tensorflow/tfjs-core';
import { mixSeed } from '../random';

/**
 * Named trainable weights of one network part. tfjs variable names are global to the engine, so we
 * let tfjs name them and keep our own readable names here (for EMA pairing and for tests).
 */
export class ParamSet {
  readonly vars = new Map<string, tf.Variable>();
  /**
   * State that is not trained: BatchNorm's running statistics. Kept apart from `vars` so the
   * optimiser, the parameter count and a target network's EMA pairs see weights only.
   */
  readonly buffers = new Map<string, tf.Variable>();

  constructor(readonly prefix: string, private readonly seed: number) {}

  /** He-normal weights (He et al. 2015): keeps activations' variance stable through ReLU layers. */
  heNormal(name: string, shape: number[], fanIn: number): tf.Variable {
    const std = Math.sqrt(2 / fanIn);
    return this.add(name, tf.randomNormal(shape, 0, std, 'float32', mixSeed(this.seed, hashName(this.prefix + name))));
  }

  /** Uniform ±1/√fanIn, PyTorch's default for linear layers; used for output layers. */
  lecunUniform(name: string, shape: number[], fanIn: number): tf.Variable {
    const bound = 1 / Math.sqrt(fanIn);
    return this.add(name, tf.randomUniform(shape, -bound, bound, 'float32', mixSeed(this.seed, hashName(this.prefix + name))));
  }

  constant(name: string, shape: number[], value: number): tf.Variable {
    return this.add(name, tf.fill(shape, value));
  }

  /** A non-trainable state tensor filled with `value` (see `buffers`). */
  buffer(name: string, shape: number[], value: number): tf.Variable {
    return this.add(name, tf.fill(shape, value), false);
  }

  private add(name: string, init: tf.Tensor, trainable = true): tf.Variable {
    if (this.vars.has(name) || this.buffers.has(name)) throw new Error(`${this.prefix}: parameter ${name} defined twice`);
    const v = tf.variable(init, trainable);
    init.dispose();
    (trainable ? this.vars : this.buffers).set(name, v);
    return v;
  }

  list(): tf.Variable[] {
    return [...this.vars.values()];
  }

  count(): number {
    return this.list().reduce((s, v) => s + v.size, 0);
  }

  dispose(): void {
    for (const v of [...this.vars.values(), ...this.buffers.values()]) v.dispose();
    this.vars.clear();
    this.buffers.clear();
  }
}

function hashName(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}
