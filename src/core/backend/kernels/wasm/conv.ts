import * as tf from '@tensorflow/tfjs-core';
import { WASM_BASE64 } from './conv.wasm';
import { kernelInstance, wasmHeapOf, type WasmHeap } from './wasmHeap';

/** The exports of conv.wat take (in, in, out) heap offsets, then the geometry. */
type ConvExport = (
  a: number, b: number, out: number,
  n: number, h: number, w: number, cin: number,
  oh: number, ow: number, cout: number,
  fh: number, fw: number, sH: number, sW: number, padTop: number, padLeft: number,
) => void;

/** The kernel module on the wasm backend's heap, or null (no heap access, no SIMD). */
function onHeap(): { heap: WasmHeap; exports: WebAssembly.Exports } | null {
  const heap = wasmHeapOf(tf.engine().findBackend('wasm'));
  if (heap == null) return null;
  const instance = kernelInstance(WASM_BASE64, heap.memory);
  return instance == null ? null : { heap, exports: instance.exports };
}

function geometry(info: tf.backend_util.Conv2DInfo): [number, number, number, number, number, number] {
  return [info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left];
}

/**
 * Conv2D (forward, dilation 1) on the wasm backend as one pass of our SIMD loop (conv.wat): 4 output
 * pixels × 8 output channels per register tile, summed over the taps inside x and all input channels.
 *
 * Why replace XNNPACK's: it runs this app's layers at ~35 GFLOP/s here, the same instructions in a
 * 4 × 8 tile reach 50–60 (the filter-gradient loop below), and the forward conv is now the largest
 * kernel of a training step (issue 10). `info` is tfjs's geometry of this conv. Returns null where
 * XNNPACK measured faster (below) or the loop does not apply (C_out not a multiple of 8, dilation,
 * NCHW, not float32, no heap or SIMD); the caller then runs the stock kernel.
 */
export function conv2dOnHeap(x: tf.TensorInfo, filter: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): tf.Tensor4D | null {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: cin, outHeight: oh, outWidth: ow, outChannels: cout } = info;
  if (cout % 8 !== 0 || info.dilationHeight !== 1 || info.dilationWidth !== 1 || info.dataFormat !== 'channelsLast') return null;
  if (x.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const kernel = onHeap();
  if (kernel == null || !forwardLoopIsFaster(info, kernel.heap.shared)) return null;
  const { heap, exports } = kernel;
  const out = heap.allocate([n, oh, ow, cout]);
  (exports.conv2d as ConvExport)(heap.offsetOf(x), heap.offsetOf(filter), out.offset, n, h, w, cin, oh, ow, cout, ...geometry(info));
  return out.tensor as tf.Tensor4D;
}

/**
 * Whether our forward loop beats XNNPACK on this layer (`npx tsx bench/conv-ab.ts`). It does not with
 * fewer than 8 input channels (a first layer on grey or RGB images: the inner loop is too short to pay
 * for itself; 28×28×1 → 16 2.3 against 3.2 ms, 32×32×3 → 32 7.4 against 9.6), nor on outputs narrower
 * than 12 columns, where the single-pixel edge and leftover columns are a large share (7 wide,
 * 14×14×64 → 128: 21.8 against 23.7 ms), nor in the threaded build, where XNNPACK's conv runs on the
 * thread pool and ours on one thread (its 1.3× edge at 28×28×32 → 64 is less than two threads give).
 * The gradient loops keep their edge there (2.5–3× on one thread against formulations that thread).
 */
export function forwardLoopIsFaster(info: Pick<tf.backend_util.Conv2DInfo, 'inChannels' | 'outWidth'>, sharedHeap: boolean): boolean {
  return info.inChannels >= 8 && info.outWidth >= 12 && !sharedHeap;
}

/**
 * Conv2DBackpropFilter on the wasm backend as one pass of our SIMD loop (conv.wat) over x and
 * dy where they lie in tfjs's heap: no transposes, no im2col, no copy. NHWC, dilation 1.
 *
 * Why not the conv formulation the cpu backend uses (../conv2dBackpropFilter.ts): on wasm that one
 * transposes x to [C, H, W, N] and dy to [H', W', N, C_out] and runs a dilated conv whose "filter" is
 * all of dy, which XNNPACK must pack afresh on every call. The direct loop keeps a 4 × 8 tile of dW in
 * registers and streams one image's x and dy past it. Batch 128, 3×3, 'same'
 * (`npx tsx bench/conv-ab.ts`): see ../README.md.
 *
 * Returns null when it does not apply (C_out not a multiple of 8, not float32, or the backend's heap
 * or SIMD unavailable); the caller then uses the conv formulation.
 */
export function conv2dBackpropFilterOnHeap(x: tf.Tensor4D, dy: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D | null {
  const [n, h, w, cin] = x.shape;
  const [, oh, ow, cout] = dy.shape;
  if (cout % 8 !== 0 || x.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  const kernel = onHeap();
  if (kernel == null) return null;
  const { heap, exports } = kernel;
  const out = heap.allocate([info.filterHeight, info.filterWidth, cin, cout]);
  (exports.conv2dBackpropFilter as ConvExport)(heap.offsetOf(x), heap.offsetOf(dy), out.offset, n, h, w, cin, oh, ow, cout, ...geometry(info));
  return out.tensor as tf.Tensor4D;
}

/**
 * Conv2DBackpropInput (the transposed conv) on the wasm backend as one pass of our SIMD loop
 * (conv.wat): each dy pixel times the filter, added into the dx pixels it reaches, 4 pixels × 8
 * input channels at a time. The filter is transposed to [fh, fw, C_out, C_in] first (a few thousand
 * floats). NHWC, dilation 1; `info` describes the forward conv (x → dy).
 *
 * Why not the sub-pixel formulation (../conv2dBackpropInput.ts): for 3×3 stride 2 that one does 16/9
 * of the multiply-adds (its 2×2 phase filters are partly zero), then interleaves the phases with a
 * transpose. Returns null when it does not apply (C_in not a multiple of 8, not float32, no heap or
 * SIMD); the caller then uses the sub-pixel formulation.
 */
export function conv2dBackpropInputOnHeap(dy: tf.Tensor4D, filter: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D | null {
  const [n, h, w, cin] = info.inShape;
  const [, oh, ow, cout] = dy.shape;
  if (cin % 8 !== 0 || dy.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const kernel = onHeap();
  if (kernel == null) return null;
  const { heap, exports } = kernel;
  return tf.tidy(() => {
    const wt = tf.transpose(filter, [0, 1, 3, 2]); // [fh, fw, C_out, C_in]
    const out = heap.allocate([n, h, w, cin]);
    (exports.conv2dBackpropInput as ConvExport)(heap.offsetOf(dy), heap.offsetOf(wt), out.offset, n, h, w, cin, oh, ow, cout, ...geometry(info));
    return out.tensor as tf.Tensor4D;
  });
}
