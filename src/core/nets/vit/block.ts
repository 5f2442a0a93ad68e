import * as tf from '@tensorflow/tfjs-core';
import type { ParamSet } from '../params';

/**
 * Pre-norm transformer blocks (Dosovitskiy et al. 2021, eq. 2–3: z' = z + MSA(LN(z)),
 * z = z' + MLP(LN(z'))), built only from ops that have gradients and kernels on every backend we
 * run (CPU, WASM, WebGL, WebGPU): matMul (2-D and batched 3-D), reshape, transpose, split, softmax,
 * moments, rsqrt, tanh. Shared by the ViT encoder and MAE's decoder.
 */
export interface TransformerOptions {
  dim: number;
  depth: number;
  heads: number;
  /** Hidden width of each block's MLP as a multiple of dim (ViT and MAE: 4). */
  mlpRatio: number;
}

/** LayerNorm ε of ViT/MAE (`partial(nn.LayerNorm, eps=1e-6)` in the MAE code). */
const LN_EPSILON = 1e-6;

/**
 * Xavier-uniform weights, MAE's init for every Linear (`torch.nn.init.xavier_uniform_`):
 * U(±√(6/(in+out))). ParamSet's uniform draws ±1/√fanIn, so fanIn = (in+out)/6 gives exactly that.
 */
export function xavierUniform(p: ParamSet, name: string, fanIn: number, fanOut: number): tf.Variable {
  return p.lecunUniform(name, [fanIn, fanOut], (fanIn + fanOut) / 6);
}

export interface Dense {
  w: tf.Variable;
  b: tf.Variable;
  /** Output width. */
  out: number;
}

export function createDense(p: ParamSet, name: string, fanIn: number, fanOut: number): Dense {
  return { w: xavierUniform(p, `${name}.w`, fanIn, fanOut), b: p.constant(`${name}.b`, [fanOut], 0), out: fanOut };
}

/**
 * x·W + b as a 2-D matMul with its gradient written out: dX = dY·Wᵀ and dW = Xᵀ·dY with the
 * transposes made explicit. tfjs's own MatMul gradient passes transposeA/transposeB to the kernel,
 * which on WASM (tfjs 4.22) leaves the XNNPACK path: measured here 3136×64·64×256 forward 6 ms, the
 * same product with transposeA or transposeB 49 ms, with an explicit transpose first 4 ms.
 */
const linear = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, tf.transpose(ws)), tf.matMul(tf.transpose(xs), g), tf.sum(g, 0)];
    },
  };
});

/** x·W + b on the last axis of a B×T×D tensor (flattened to 2-D: one plain matMul kernel). */
export function dense(x: tf.Tensor3D, d: Dense): tf.Tensor3D {
  const [b, t, din] = x.shape;
  return tf.tidy(() => tf.reshape(linear(tf.reshape(x, [b * t, din]), d.w, d.b), [b, t, d.out]) as tf.Tensor3D);
}

export interface Norm {
  gamma: tf.Variable;
  beta: tf.Variable;
}

export function createNorm(p: ParamSet, name: string, dim: number): Norm {
  return { gamma: p.constant(`${name}.gamma`, [dim], 1), beta: p.constant(`${name}.beta`, [dim], 0) };
}

/** LayerNorm over the last axis (Ba et al. 2016), from moments: per token, no batch statistics. */
export function layerNorm<T extends tf.Tensor>(x: T, n: Norm): T {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, LN_EPSILON))), n.gamma), n.beta) as T;
  });
}

const GELU_C = Math.sqrt(2 / Math.PI);

/**
 * GELU, tanh approximation (Hendrycks & Gimpel 2016, §2): ½x(1 + tanh(u)), u = √(2/π)(x + 0.044715x³).
 * Computed as x·σ(2u), which is the same function (1 + tanh(u) = 2σ(2u)): WASM's sigmoid kernel is
 * ~4× faster than its tanh (4 vs 18 ms on 800k values).
 */
export function gelu<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => {
    const twoU = tf.mul(tf.add(x, tf.mul(tf.mul(tf.mul(x, x), x), 0.044715)), 2 * GELU_C);
    return tf.mul(x, tf.sigmoid(twoU)) as T;
  });
}

interface BlockWeights {
  ln1: Norm;
  q: Dense;
  k: Dense;
  v: Dense;
  proj: Dense;
  ln2: Norm;
  fc1: Dense;
  fc2: Dense;
}

/**
 * Multi-head self-attention (Vaswani et al. 2017, eq. 1): softmax(QKᵀ/√d_h)V per head, heads
 * batched as (B·heads)×T×d_h for one batched matMul each. Head width d_h = round(D/heads), so any
 * head count works; the output projection maps heads·d_h back to D. Q, K and V have their own
 * weights rather than one fused qkv matrix: splitting a fused output, or transposing it as a rank-5
 * tensor, costs more on WASM (9 and 36 ms for B = 64, 49 tokens) than the two extra matMuls.
 */
function attention(x: tf.Tensor3D, w: BlockWeights, heads: number): tf.Tensor3D {
  const [b, t] = x.shape;
  const inner = w.q.out;
  const dh = inner / heads;
  const split = (d: Dense) => tf.reshape(tf.transpose(tf.reshape(dense(x, d), [b, t, heads, dh]), [0, 2, 1, 3]), [b * heads, t, dh]) as tf.Tensor3D;
  return tf.tidy(() => {
    const [q, k, v] = [split(w.q), split(w.k), split(w.v)];
    const weights = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)));
    const mixed = tf.transpose(tf.reshape(tf.matMul(weights, v), [b, heads, t, dh]), [0, 2, 1, 3]);
    return dense(tf.reshape(mixed, [b, t, inner]) as tf.Tensor3D, w.proj);
  });
}

export interface Transformer {
  /** B×T×D → B×T×D through every block (no final norm: callers add their own). */
  apply(x: tf.Tensor3D): tf.Tensor3D;
}

export function createTransformer(p: ParamSet, prefix: string, o: TransformerOptions): Transformer {
  const dh = Math.max(1, Math.round(o.dim / o.heads));
  const inner = dh * o.heads;
  const hidden = Math.max(1, Math.round(o.dim * o.mlpRatio));
  const blocks: BlockWeights[] = Array.from({ length: o.depth }, (_, i) => ({
    ln1: createNorm(p, `${prefix}${i}.ln1`, o.dim),
    q: createDense(p, `${prefix}${i}.q`, o.dim, inner),
    k: createDense(p, `${prefix}${i}.k`, o.dim, inner),
    v: createDense(p, `${prefix}${i}.v`, o.dim, inner),
    proj: createDense(p, `${prefix}${i}.proj`, inner, o.dim),
    ln2: createNorm(p, `${prefix}${i}.ln2`, o.dim),
    fc1: createDense(p, `${prefix}${i}.fc1`, o.dim, hidden),
    fc2: createDense(p, `${prefix}${i}.fc2`, hidden, o.dim),
  }));
  return {
    apply(x) {
      return tf.tidy(() => {
        let h = x;
        for (const w of blocks) {
          h = tf.add(h, attention(layerNorm(h, w.ln1), w, o.heads));
          h = tf.add(h, dense(gelu(dense(layerNorm(h, w.ln2), w.fc1)), w.fc2));
        }
        return h;
      });
    },
  };
}
