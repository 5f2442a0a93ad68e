import * as tf from '@tensorflow/tfjs-core';

/**
 * Gradient gaps in tfjs-core 4.22 found by the kernel audit. Unlike kernels,
 * gradients are backend-independent (one global registry), so these fail on
 * every backend, CPU included:
 *
 *  - Greater, Less, LessEqual, Equal, NotEqual, Logical{And,Or,Not,Xor} have
 *    no gradient, so `tf.where(tf.greater(x, t), a, b)` with a trainable `x`
 *    throws "gradient function not found for Greater" during backprop. Their
 *    outputs are boolean, i.e. piecewise constant: the gradient is zero (TF
 *    marks them NotDifferentiable, which means the same).
 *  - StridedSlice and GatherNd have no gradient at all.
 *  - Cumsum's gradient transposes its result a second time for any axis other
 *    than the last one (the cumsum op already handles the axis): wrong shape
 *    error for non-square inputs, silently wrong values for square ones.
 *
 * Registration is idempotent; existing gradients are only replaced where the
 * stock one is wrong (Cumsum).
 */

const OURS = Symbol.for('ssl-playground.gradient');
type TaggedGradFunc = tf.GradFunc & { [OURS]?: true };

function registerGrad(config: tf.GradConfig, mode: 'if-missing' | 'replace'): boolean {
  const existing = tf.getGradient(config.kernelName);
  if (existing != null) {
    if ((existing.gradFunc as TaggedGradFunc)[OURS]) return false;
    if (mode === 'if-missing') return false;
    // Avoids registerGradient's "already registered" console warning.
    tf.unregisterGradient(config.kernelName);
  }
  (config.gradFunc as TaggedGradFunc)[OURS] = true;
  tf.registerGradient(config);
  return true;
}

/** Zero gradient of the right shape for every input; float32 as the engine requires. */
function zeroGrad(kernelName: string, inputNames: string[]): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: inputNames,
    gradFunc: (_dy, saved) => {
      const out: Record<string, () => tf.Tensor> = {};
      inputNames.forEach((name, i) => {
        out[name] = () => tf.zeros(saved[i].shape, 'float32');
      });
      return out;
    },
  };
}

/**
 * Flat positions, in `shape`, of the elements that `select` picks. Running
 * the forward selection on a tensor holding 0..size-1 turns any gather-like
 * op (all of StridedSlice's masks included) into an explicit index list, so
 * its gradient is a scatter-add of dy to those positions — no need to
 * re-derive begin/end/mask arithmetic. int32 is exact up to 2^31 elements
 * (2^24 on WebGL, which stores int32 as float).
 */
function scatterBack(
  shape: number[],
  dy: tf.Tensor,
  select: (positions: tf.Tensor) => tf.Tensor,
): tf.Tensor {
  const size = tf.util.sizeFromShape(shape);
  const positions = tf.reshape(tf.range(0, size, 1, 'int32'), shape);
  const picked = tf.reshape(select(positions), [-1, 1]);
  // ScatterNd adds updates that share an index (e.g. gatherND repeating one).
  const flat = tf.scatterND(picked, tf.reshape(dy, [-1]), [size]);
  return tf.reshape(flat, shape);
}

const stridedSliceGrad: tf.GradConfig = {
  kernelName: tf.StridedSlice,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    return {
      x: () =>
        scatterBack(x.shape, dy as tf.Tensor, (pos) =>
          // Re-run the very same kernel with the very same attrs on the index map.
          tf.engine().runKernel(tf.StridedSlice, { x: pos }, attrs) as tf.Tensor,
        ),
    };
  },
};

const gatherNdGrad: tf.GradConfig = {
  kernelName: tf.GatherNd,
  inputsToSave: ['params', 'indices'],
  gradFunc: (dy, saved) => {
    const [params, indices] = saved;
    return {
      params: () => scatterBack(params.shape, dy as tf.Tensor, (pos) => tf.gatherND(pos, indices)),
      // Indices are integers: no gradient, but the engine wants a float tensor.
      indices: () => tf.zeros(indices.shape, 'float32'),
    };
  },
};

const cumsumGrad: tf.GradConfig = {
  kernelName: tf.Cumsum,
  gradFunc: (dy, _saved, attrs) => {
    const { axis, exclusive, reverse } = attrs as unknown as tf.CumsumAttrs;
    // d/dx_j of Σ_{i≤j} x_i (inclusive) is Σ_{i≥j} dy_i: a cumsum the other way,
    // exclusive iff the forward was. The op handles the axis itself.
    return { x: () => tf.cumsum(dy as tf.Tensor, axis, exclusive, !reverse) };
  },
};

/**
 * Registers the gradient fixes above. Global and idempotent. Call it after
 * tfjs's own gradients are registered (importing @tensorflow/tfjs or
 * @tensorflow/tfjs-core/dist/register_all_gradients), or the stock Cumsum
 * gradient would overwrite ours. Returns the kernel names it changed.
 */
export function registerMissingGradients(): string[] {
  const changed: string[] = [];
  const add = (c: tf.GradConfig, mode: 'if-missing' | 'replace') => {
    if (registerGrad(c, mode)) changed.push(c.kernelName);
  };
  for (const k of [tf.Greater, tf.Less, tf.LessEqual, tf.Equal, tf.NotEqual, tf.LogicalAnd, tf.LogicalOr, tf.LogicalXor]) {
    add(zeroGrad(k, ['a', 'b']), 'if-missing');
  }
  add(zeroGrad(tf.LogicalNot, ['x']), 'if-missing');
  add(stridedSliceGrad, 'if-missing');
  add(gatherNdGrad, 'if-missing');
  add(cumsumGrad, 'replace');
  return changed;
}
