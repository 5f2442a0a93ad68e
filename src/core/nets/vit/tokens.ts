import * as tf from '@tensorflow/tfjs-core';

/**
 * Per-sample token selection as a batched matMul with a one-hot matrix: S (B×K×L) with S[b,i,j] = 1
 * when sample b keeps token j as its i-th. select = S·X, scatter back = Sᵀ·Y. tf.gather with
 * batchDims would do the same, but a matMul has a gradient and a fast kernel on every backend,
 * and the cost (B·K·L·D) is small next to the transformer's.
 *
 * The indices come from host-side masks (augment/masks.ts), so S is built on the host and uploaded:
 * nothing is read back.
 */
export function selectionMatrix(indices: Int32Array, batch: number, tokens: number): tf.Tensor3D {
  if (indices.length % batch !== 0) throw new Error(`selectionMatrix: ${indices.length} indices do not split into ${batch} samples`);
  const keep = indices.length / batch;
  const s = new Float32Array(batch * keep * tokens);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < keep; i++) {
      const j = indices[b * keep + i];
      if (j < 0 || j >= tokens || !Number.isInteger(j)) throw new Error(`selectionMatrix: token index ${j} outside [0, ${tokens})`);
      s[(b * keep + i) * tokens + j] = 1;
    }
  }
  return tf.tensor3d(s, [batch, keep, tokens]);
}

/** B×L×D → B×K×D: the tokens named by `indices` (B·K, row b holds sample b's K indices). */
export function selectTokens(tokens: tf.Tensor3D, indices: Int32Array): tf.Tensor3D {
  const [b, l] = tokens.shape;
  return tf.tidy(() => tf.matMul(selectionMatrix(indices, b, l), tokens));
}

/** B×K×D → B×L×D: each kept token back at its position, zeros elsewhere (MAE's "unshuffle"). */
export function scatterTokens(kept: tf.Tensor3D, indices: Int32Array, tokens: number): tf.Tensor3D {
  const [b] = kept.shape;
  return tf.tidy(() => tf.matMul(selectionMatrix(indices, b, tokens), kept, true, false));
}
