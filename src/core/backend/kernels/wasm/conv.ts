import * as tf from '@tensorflow/tfjs-core';
import { WASM_BASE64 } from './conv.wasm';
import { heapKernel, type HeapKernel } from './wasmHeap';

/** The exports of conv.wat take (in, in, out) heap offsets, then the geometry. */
type ConvExport = (
  a: number, b: number, out: number,
  n: number, h: number, w: number, cin: number,
  oh: number, ow: number, cout: number,
  fh: number, fw: number, sH: number, sW: number, padTop: number, padLeft: number,
) => void;

/**
 * Runs one export of conv.wat on two tensors in the heap into a new tensor of `outShape`; every
 * size it passes is the forward conv's (x → y), whichever of the three passes this is.
 */
function runLoop(
  kernel: HeapKernel,
  name: 'conv2d' | 'conv2dBackpropFilter' | 'conv2dBackpropInput',
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  outShape: number[],
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D {
  const { heap, exports } = kernel;
  const out = heap.allocate(outShape);
  (exports[name] as ConvExport)(
    heap.offsetOf(a), heap.offsetOf(b), out.offset,
    info.batchSize, info.inHeight, info.inWidth, info.inChannels,
    info.outHeight, info.outWidth, info.outChannels,
    info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left,
  );
  return out.tensor as tf.Tensor4D;
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
  if (info.outChannels % 8 !== 0 || info.dilationHeight !== 1 || info.dilationWidth !== 1 || info.dataFormat !== 'channelsLast') return null;
  if (x.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const kernel = heapKernel(WASM_BASE64);
  if (kernel == null || !forwardLoopIsFaster(info, kernel.heap.shared)) return null;
  return runLoop(kernel, 'conv2d', x, filter, info.outShape, info);
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
  if (info.outChannels % 8 !== 0 || x.dtype !== 'float32' || dy.dtype !== 'float32') return null;
  const kernel = heapKernel(WASM_BASE64);
  if (kernel == null) return null;
  return runLoop(kernel, 'conv2dBackpropFilter', x, dy, info.filterShape, info);
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
  if (info.inChannels % 8 !== 0 || dy.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const kernel = heapKernel(WASM_BASE64);
  if (kernel == null) return null;
  return tf.tidy(() => runLoop(kernel, 'conv2dBackpropInput', dy, tf.transpose(filter, [0, 1, 3, 2]) /* [fh, fw, C_out, C_in] */, info.inShape, info));
}
