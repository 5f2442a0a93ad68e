import * as tf from '@tensorflow/tfjs-core';
import { wrapKernel } from './registerOpKernel';
import { conv2dOnHeap } from './wasm/conv';

/**
 * Conv2D on wasm through our SIMD loop (wasm/conv.ts) where it is faster, the stock XNNPACK kernel
 * elsewhere (see forwardLoopIsFaster: first layers, narrow outputs, the threaded build; and dilation,
 * NCHW, C_out not a multiple of 8, no SIMD). A wrapper, not a replacement, so the stock kernel keeps
 * its setup (it binds XNNPACK's export) and every case the loop declines. Idempotent; returns true when
 * it changed the registry.
 */
export function registerFastConv2D(backendName: 'wasm'): boolean {
  return wrapKernel(tf.Conv2D, backendName, 'simdLoop', (args, stock) => {
    const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const { strides, pad, dataFormat, dilations, dimRoundingMode } = args.attrs as unknown as tf.Conv2DAttrs;
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      strides,
      dilations,
      pad,
      dimRoundingMode,
      false,
      tf.backend_util.convertConv2DDataFormat(dataFormat),
    );
    return conv2dOnHeap(x, filter, info) ?? stock(args);
  });
}
