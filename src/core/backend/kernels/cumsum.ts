import * as tf from '@tensorflow/tfjs-core';
import { inputTensor, wrapKernel } from './registerOpKernel';

/**
 * Reverse Cumsum for WebGPU.
 *
 * Why: tfjs-backend-webgpu 4.22 compiles the reverse scan shader with the
 * scanned axis length baked in (`end + pow2 < LENGTH`) but caches the compiled
 * pipeline under a key that omits the length (`cum_+_<exclusive>_<reverse>`).
 * After the first reverse cumsum, every reverse cumsum over a different
 * length reuses the wrong shader and returns wrong sums (measured in Node on
 * SwiftShader: reverse cumsum of [1,2,3,4] gave [6,5,3,4] instead of
 * [10,9,7,4] once a length-3 reverse cumsum had compiled the shader).
 * tfjs-core's Cumsum gradient is itself a reverse cumsum, so training through
 * tf.cumsum is affected too. Forward (non-reverse) scans don't embed the
 * length and are fine, so we compute reverse(cumsum(reverse(x))). Cumprod
 * shares the shader and the bug.
 */
function wrapReverseScan(
  kernelName: string,
  backendName: string,
  scan: (x: tf.Tensor, axis: number, exclusive: boolean) => tf.Tensor,
): boolean {
  return wrapKernel(kernelName, backendName, 'reverseScanFix', (args, stock) => {
    const { axis, exclusive, reverse } = args.attrs as unknown as tf.CumsumAttrs;
    if (!reverse) return stock(args);
    const xInfo = args.inputs.x;
    if (xInfo == null) throw new Error(`${kernelName}: missing input x`);
    return tf.tidy(() => {
      const x = inputTensor(xInfo);
      const ax = axis < 0 ? axis + x.rank : axis;
      // scan() re-enters this wrapper with reverse=false, i.e. the stock kernel.
      return tf.reverse(scan(tf.reverse(x, ax), ax, exclusive), ax);
    });
  });
}

/**
 * Installs the reverse-scan workaround for Cumsum and Cumprod (idempotent).
 * Meant for 'webgpu'; it is backend-neutral, so tests also run it on 'cpu'.
 */
export function registerCumsumReverseFix(backendName: string): boolean {
  const a = wrapReverseScan(tf.Cumsum, backendName, (x, ax, ex) => tf.cumsum(x, ax, ex, false));
  const b = wrapReverseScan(tf.Cumprod, backendName, (x, ax, ex) => tf.cumprod(x, ax, ex, false));
  return a || b;
}
