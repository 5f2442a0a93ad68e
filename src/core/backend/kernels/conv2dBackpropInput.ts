import * as tf from '@tensorflow/tfjs-core';
import { registerOpKernel } from './registerOpKernel';
import { conv2dBackpropInputOnHeap } from './wasm/conv';

/**
 * Conv2DBackpropInput (the input gradient of conv2d, i.e. a transposed conv) written as one
 * ordinary stride-1 forward conv2d followed by a depth-to-space interleave ("sub-pixel"
 * decomposition, Shi et al. 2016, "Real-Time Single Image and Video Super-Resolution Using an
 * Efficient Sub-Pixel Convolutional Neural Network", applied to the gradient).
 *
 * Why: tfjs-backend-wasm 4.22's Conv2DBackpropInput is a plain scalar loop; on the default SimCLR
 * step it took 139 of 262 kernel-ms (two calls). The forward Conv2D runs on XNNPACK. On the cpu
 * backend both are loops, but the forward conv is an im2col matmul and still several times faster.
 *
 * The identity (NHWC, dilation 1, s = stride, pT = top padding; columns alike):
 *
 *   dx[n, h, w, ci] = Σ_{i, a, j, b, co: i·s + a = h + pT, j·s + b = w + pL} dy[n, i, j, co] · W[a, b, ci, co]
 *
 * Split the output rows by phase, h = s·m + p (p in [0, s)), and write i = m + t. Then
 * a = p + pT − s·t, so row phase p reads dy rows m + t for the few t with 0 ≤ a < fh, always the
 * same t whatever m is. Over all phases t spans [tLo, tHi]; with K = tHi − tLo + 1 taps,
 *
 *   dx[n, s·m + p, s·m' + q, ci] = Σ_{k, k', co} dy[n, m + tLo + k, m' + tLo' + k', co] · V[k, k', co, (p·s + q)·Cin + ci]
 *   V[k, k', co, (p·s + q)·Cin + ci] = W[p + pT − s·(k + tLo), q + pL − s·(k' + tLo'), ci, co]   (0 where off the filter)
 *
 * which is one stride-1 conv2d of dy with V (top padding −tLo, bottom so there are ⌈H/s⌉ rows),
 * giving s² · Cin channels that depth-to-space lays out as the s × s phases; a final slice drops
 * the rows past H when H is not a multiple of s. For stride 1 this is the textbook "conv with the
 * flipped, transposed kernel". For 3×3 stride 2, V is 2×2 with 9 of its 16 taps non-zero per
 * (ci, co): 16/9 the multiply-adds of the loop, but on the fast conv path, and in one call.
 */
/**
 * 'heap-first': our SIMD loop on the wasm heap where it applies (wasm/conv.ts), else the
 * sub-pixel conv below (what wasm registers); 'sub-pixel': only the sub-pixel conv (cpu, and the
 * A/B benchmark's baseline).
 */
export type InputGradPath = 'heap-first' | 'sub-pixel';

export function conv2dBackpropInputImpl(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  attrs: tf.Conv2DBackpropInputAttrs,
  path: InputGradPath = 'sub-pixel',
): tf.Tensor4D {
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  const nchw = dataFormat === 'NCHW';
  // Work in NHWC; NCHW is rare in this app, so a transpose is good enough.
  if (nchw) dy = tf.transpose(dy, [0, 2, 3, 1]);
  const xShape = (nchw ? [inputShape[0], inputShape[2], inputShape[3], inputShape[1]] : inputShape) as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(xShape, filter.shape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  if (path === 'heap-first' && !nchw) {
    const direct = conv2dBackpropInputOnHeap(dy, filter, info);
    if (direct != null) return direct;
  }
  const [, inH, inW, cIn] = xShape;
  const h = axisPlan(info.strideHeight, info.filterHeight, info.padInfo.top, inH, info.outHeight);
  const w = axisPlan(info.strideWidth, info.filterWidth, info.padInfo.left, inW, info.outWidth);

  const v = subPixelFilter(filter, h, w);
  // Negative padding means dy rows the transposed conv never reads: slice them off instead.
  const dyUsed = sliceAxes(dy, h, w);
  const explicitPad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [Math.max(h.padBefore, 0), Math.max(h.padAfter, 0)],
    [Math.max(w.padBefore, 0), Math.max(w.padAfter, 0)],
    [0, 0],
  ];
  const phases = tf.conv2d(dyUsed, v, 1, explicitPad, 'NHWC'); // [N, ⌈H/sH⌉, ⌈W/sW⌉, sH·sW·Cin]
  let dx = interleave(phases, info.strideHeight, info.strideWidth, cIn);
  if (dx.shape[1] !== inH || dx.shape[2] !== inW) dx = tf.slice(dx, [0, 0, 0, 0], [-1, inH, inW, -1]);
  return nchw ? tf.transpose(dx, [0, 3, 1, 2]) : dx;
}

/** The sub-pixel geometry along one spatial axis (see the identity above). */
interface AxisPlan {
  stride: number;
  /** Taps of the stride-1 conv. */
  taps: number;
  /**
   * V's taps read the filter at a = s·k' + p + offset, with k' = taps − 1 − k: the filter shifted
   * by `offset`, zero-padded to s·taps and split into (k', p), then reversed along k'.
   */
  offset: number;
  /** Padding of dy before/after (negative: that many dy rows are sliced off). */
  padBefore: number;
  padAfter: number;
  dyLength: number;
}

function axisPlan(stride: number, filterSize: number, padStart: number, inSize: number, outSize: number): AxisPlan {
  let tLo = Infinity;
  let tHi = -Infinity;
  for (let p = 0; p < stride; p++) {
    tLo = Math.min(tLo, Math.ceil((p + padStart - filterSize + 1) / stride));
    tHi = Math.max(tHi, Math.floor((p + padStart) / stride));
  }
  const taps = tHi - tLo + 1;
  // a = p + pT − s·(k + tLo) = s·k' + p + (pT − s·tLo − s·(taps − 1)).
  const offset = padStart - stride * tLo - stride * (taps - 1);
  const rows = Math.ceil(inSize / stride);
  const padBefore = -tLo;
  // The conv gives dyLength + before + after − taps + 1 rows; we want `rows`.
  const padAfter = rows - outSize - padBefore + taps - 1;
  return { stride, taps, offset, padBefore, padAfter, dyLength: outSize };
}

function sliceAxes(dy: tf.Tensor4D, h: AxisPlan, w: AxisPlan): tf.Tensor4D {
  if (h.padBefore >= 0 && h.padAfter >= 0 && w.padBefore >= 0 && w.padAfter >= 0) return dy;
  const cut = (a: AxisPlan) => [Math.max(-a.padBefore, 0), a.dyLength - Math.max(-a.padBefore, 0) - Math.max(-a.padAfter, 0)];
  const [h0, hn] = cut(h);
  const [w0, wn] = cut(w);
  return tf.slice(dy, [0, h0, w0, 0], [-1, hn, wn, -1]);
}

/**
 * V = the filter rearranged into [K, K', Cout, sH·sW·Cin] (see the identity above and
 * AxisPlan.offset), with data-movement ops only (pad, reshape, reverse, transpose), so no
 * value leaves the device. Taps off the filter come out as the zero padding.
 */
function subPixelFilter(filter: tf.Tensor4D, h: AxisPlan, w: AxisPlan): tf.Tensor4D {
  const [fh, fw, cIn, cOut] = filter.shape;
  // Filter index a sits at s·k' + p = a − offset: pad by −offset in front and to s·K in all.
  // (offset ≤ 0 always: the taps [offset, offset + s·K) cover every filter index, since tLo and
  // tHi were taken over all phases.)
  const front = (a: AxisPlan) => -a.offset;
  const back = (a: AxisPlan, size: number) => a.stride * a.taps + a.offset - size;
  const f = tf.pad(filter, [
    [front(h), back(h, fh)],
    [front(w), back(w, fw)],
    [0, 0],
    [0, 0],
  ]);
  const split = tf.reshape(f, [h.taps, h.stride, w.taps, w.stride, cIn, cOut]); // (k', p, k'', q)
  const flipped = tf.reverse(split, [0, 2]); // k' → k
  const ordered = tf.transpose(flipped, [0, 2, 5, 1, 3, 4]); // [K, K', Cout, sH, sW, Cin]
  return tf.reshape(ordered, [h.taps, w.taps, cOut, h.stride * w.stride * cIn]);
}

/** [N, M, M', sH·sW·C] with channel (p·sW + q)·C + c → [N, M·sH, M'·sW, C] at row m·sH + p, col m'·sW + q. */
function interleave(phases: tf.Tensor4D, sH: number, sW: number, c: number): tf.Tensor4D {
  if (sH === 1 && sW === 1) return phases;
  const [n, m, mw] = phases.shape;
  const split = tf.reshape(phases, [n, m, mw, sH, sW, c]);
  return tf.reshape(tf.transpose(split, [0, 1, 3, 2, 4, 5]), [n, m * sH, mw * sW, c]);
}

/**
 * Installs the sub-pixel Conv2DBackpropInput, replacing the backend's own (a scalar loop on both
 * wasm and cpu). Call it after the backend package has been imported, since importing the backend
 * registers its stock kernels (and would overwrite ours).
 * Idempotent; returns true when it changed the registry.
 */
export function registerFastConvBackpropInput(backendName: 'wasm' | 'cpu'): boolean {
  return registerOpKernel(
    tf.Conv2DBackpropInput,
    backendName,
    (inputs, attrs) =>
      conv2dBackpropInputImpl(
        inputs.dy as tf.Tensor4D,
        inputs.filter as tf.Tensor4D,
        attrs as unknown as tf.Conv2DBackpropInputAttrs,
        backendName === 'wasm' ? 'heap-first' : 'sub-pixel',
      ),
    'replace',
  );
}
