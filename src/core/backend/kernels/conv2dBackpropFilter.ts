import * as tf from '@tensorflow/tfjs-core';
import { registerOpKernel } from './registerOpKernel';
import { conv2dBackpropFilterOnHeap } from './wasm/conv';

/**
 * Conv2DBackpropFilter (the filter gradient of conv2d) written as one
 * ordinary forward conv2d.
 *
 * Why: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter at all, so any conv
 * training fails there; and tfjs-backend-cpu's version is a scalar loop through
 * TensorBuffer.get() that takes ~97% of a conv training step. Every backend has
 * a well-optimised forward Conv2D, so we reuse it.
 *
 * The identity (NHWC, dilation 1, s = stride, pT/pL = top/left padding):
 *
 *   dW[a, b, ci, co] = Σ_{n, i, j} x[n, i·s + a − pT, j·s + b − pL, ci] · dy[n, i, j, co]
 *
 * Read x' = x transposed to [C_in, H, W, N] as a batch of C_in images with N
 * channels, and dy' = dy transposed to [H', W', N, C_out] as a filter. Then
 *
 *   dW[a, b, ci, co] = Σ_{i, j, n} x'[ci, a + i·s − pT, b + j·s − pL, n] · dy'[i, j, n, co]
 *
 * which is exactly conv2d(x', dy') with stride 1, dilation s and the same
 * top/left padding, whose output is [C_in, fh, fw, C_out]; one more transpose
 * gives [fh, fw, C_in, C_out].
 *
 * The bottom/right padding is chosen so the output is exactly fh × fw. For
 * 'same' that reproduces tfjs's asymmetric padding (the extra pixel goes to
 * the bottom/right, which never shifts the top-left alignment). When it would
 * be negative (e.g. 'valid' with stride 2 and an odd leftover row, the forward
 * conv never read the last rows of x), those rows are sliced off instead.
 */
/**
 * How the filter gradient is computed: 'heap-first' (wasm) runs our SIMD loop on the heap where it
 * applies (wasm/conv.ts), otherwise the conv below with x transposed in two rank-3 passes (see
 * toChannelsHeightWidthBatch); 'conv-two-pass' only that conv (the A/B benchmark's baseline); 'conv'
 * (cpu) the conv with one rank-4 transpose.
 */
export type FilterGradPath = 'heap-first' | 'conv-two-pass' | 'conv';

export function conv2dBackpropFilterImpl(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  attrs: tf.Conv2DBackpropFilterAttrs,
  path: FilterGradPath = 'heap-first',
): tf.Tensor4D {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;

  // Work in NHWC; NCHW is rare in this app, so a transpose is good enough.
  if (dataFormat === 'NCHW') {
    x = tf.transpose(x, [0, 2, 3, 1]);
    dy = tf.transpose(dy, [0, 2, 3, 1]);
  }

  // Use tfjs's own geometry so padding/rounding match its forward conv2d.
  const info = tf.backend_util.computeConv2DInfo(
    x.shape,
    filterShape,
    strides,
    1, // the conv2d gradient op rejects dilation > 1 for the filter grad
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  if (path === 'heap-first') {
    const direct = conv2dBackpropFilterOnHeap(x, dy, info);
    if (direct != null) return direct;
  }
  const [, inH, inW] = x.shape;
  const [, outH, outW] = dy.shape;
  const { strideHeight: sH, strideWidth: sW, filterHeight: fh, filterWidth: fw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;

  // Last input row/col the forward conv touched is (out-1)·s + f − 1 − pad.
  const bottom = (outH - 1) * sH + fh - top - inH;
  const right = (outW - 1) * sW + fw - left - inW;

  if (sH === 1 && sW === 1 && x.shape[3] === 1 && bottom >= 0 && right >= 0) {
    return singleChannelPerTap(x, dy, fh, fw, [top, bottom], [left, right]);
  }

  // [C_in, H, W, N]
  let xT = path !== 'conv' ? toChannelsHeightWidthBatch(x) : tf.transpose(x, [3, 1, 2, 0]);
  if (bottom < 0 || right < 0) {
    // Negative padding is not allowed; drop rows/cols that were never used.
    xT = tf.slice(xT, [0, 0, 0, 0], [-1, inH + Math.min(bottom, 0), inW + Math.min(right, 0), -1]);
  }
  const dyT: tf.Tensor4D = tf.transpose(dy, [1, 2, 0, 3]); // [H', W', N, C_out]

  const explicitPad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [top, Math.max(bottom, 0)],
    [left, Math.max(right, 0)],
    [0, 0],
  ];
  // Stride 1 + dilation s: conv2d only forbids stride>1 together with dilation>1.
  const dW = tf.conv2d(xT, dyT, 1, explicitPad, 'NHWC', [sH, sW]); // [C_in, fh, fw, C_out]
  return tf.transpose(dW, [1, 2, 0, 3]);
}

/**
 * x [N, H, W, C] → [C, H, W, N] in two rank-3 transposes: [N, H·W, C] → [H·W, N, C] → [C, H·W, N].
 *
 * Why not the one rank-4 transpose: each output row of N values gathers N floats H·W·C apart in x.
 * At 28×28×32 that stride is 200 704 bytes, a multiple of 4 KiB, so (our reading of the numbers
 * below) the N reads land in the same L1 cache set and evict each other; the two passes gather runs
 * of C, then N, consecutive floats instead. Measured on wasm at batch 128
 * (min of 6 interleaved reps, load ~2 on the 2 cores): 28×28×32 17.3 → 6.9 ms, 14×14×64 5.2 → 4.0,
 * 28×28×16 4.5 → 4.2, 14×14×32 1.5 → 1.0. The cpu backend's transpose has no such cliff, and there
 * the second pass costs 3–10% of the whole filter gradient, so cpu keeps the single transpose.
 */
function toChannelsHeightWidthBatch(x: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const pixelsFirst = tf.transpose(tf.reshape(x, [n, h * w, c]), [1, 0, 2]); // [H·W, N, C]
  return tf.reshape(tf.transpose(pixelsFirst, [2, 0, 1]), [c, h, w, n]);
}

/**
 * Stride 1 with one input channel (the encoder's first layer on grayscale images):
 * dW[a, b, 0, :] = x_ab · dy, with x_ab the padded input shifted by tap (a, b) and flattened to
 * one row, i.e. one [1, N·H'·W'] × [N·H'·W', C_out] matmul per tap; no transpose at all.
 *
 * Why a second formulation: there the dilated conv above has only fh·fw = 9 output pixels and
 * transposes dy, and was 10.5 ms on wasm at batch 128 (28×28, 1→16) against 2.7 ms for this.
 * With more input channels the rows need a transpose and the matmuls get slow (16 channels:
 * 61 ms against 26 ms for the dilated conv), and strided layers would need strided slices, which
 * are slow on wasm; those keep the conv.
 */
function singleChannelPerTap(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  fh: number,
  fw: number,
  [top, bottom]: [number, number],
  [left, right]: [number, number],
): tf.Tensor4D {
  const [n, inH, inW] = x.shape;
  const [, outH, outW, cOut] = dy.shape;
  const padded = tf.pad(tf.reshape(x, [n, inH, inW]), [
    [0, 0],
    [top, bottom],
    [left, right],
  ]);
  const dyFlat = tf.reshape(dy, [n * outH * outW, cOut]);
  const taps: tf.Tensor[] = [];
  for (let a = 0; a < fh; a++) {
    for (let b = 0; b < fw; b++) {
      const shifted = tf.reshape(tf.slice(padded, [0, a, b], [n, outH, outW]), [1, n * outH * outW]);
      taps.push(tf.matMul(shifted, dyFlat)); // [1, C_out]
    }
  }
  return tf.reshape(tf.concat(taps, 0), [fh, fw, 1, cOut]);
}

/**
 * Installs the conv-based Conv2DBackpropFilter.
 *  - wasm: fills the missing kernel (a native one, if a future release adds
 *    it, is kept).
 *  - cpu: replaces the slow stock kernel.
 * Call it after the backend package has been imported, since importing the
 * backend registers its stock kernels (and would overwrite ours).
 * Idempotent; returns true when it changed the registry.
 */
export function registerFastConvBackpropFilter(backendName: 'wasm' | 'cpu'): boolean {
  return registerOpKernel(
    tf.Conv2DBackpropFilter,
    backendName,
    (inputs, attrs) =>
      conv2dBackpropFilterImpl(
        inputs.x as tf.Tensor4D,
        inputs.dy as tf.Tensor4D,
        attrs as unknown as tf.Conv2DBackpropFilterAttrs,
        backendName === 'wasm' ? 'heap-first' : 'conv',
      ),
    backendName === 'cpu' ? 'replace' : 'if-missing',
  );
}
