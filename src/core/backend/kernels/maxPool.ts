import * as tf from '@tensorflow/tfjs-core';
import { registerOpKernel } from './registerOpKernel';

/**
 * Replacements for the wasm MaxPoolGrad and MaxPoolWithArgmax kernels.
 *
 * Why: in tfjs-backend-wasm 4.22 both kernels start their running maximum at 0
 * instead of -Infinity. Measured here: for a 2×2/s2 window whose four inputs
 * are all negative, MaxPoolWithArgmax returns value 0 and index 0, and
 * MaxPoolGrad drops that window's gradient entirely (6 of 49 input positions
 * wrong on a 7×7 sin() input). The forward MaxPool (XNNPACK) is correct, so
 * only the gradient path is silently wrong — a max-pool on pre-activation
 * features trains on corrupted gradients without any error.
 *
 * The fix scans the windows on the host (the wasm heap is host memory, so
 * dataSync() is a cheap copy, not a GPU readback). It follows the CPU
 * backend's rules exactly: the window covers only real input pixels (padding
 * never wins), and on ties the first maximum in row-major window order wins.
 * Do not register it for GPU backends: there dataSync() would stall the
 * pipeline.
 */

/** For every pooled output element, the flat NHWC offset of its argmax (−1 if none). */
function maxPositions(x: ArrayLike<number>, info: tf.backend_util.Conv2DInfo): Int32Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const { effectiveFilterHeight, effectiveFilterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const pos = new Int32Array(batchSize * outHeight * outWidth * inChannels);
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let r = 0; r < outHeight; r++) {
      const r0 = r * strideHeight - top;
      const rMin = r0 < 0 ? r0 + Math.ceil(-r0 / dilationHeight) * dilationHeight : r0;
      const rMax = Math.min(inHeight, r0 + effectiveFilterHeight);
      for (let c = 0; c < outWidth; c++) {
        const c0 = c * strideWidth - left;
        const cMin = c0 < 0 ? c0 + Math.ceil(-c0 / dilationWidth) * dilationWidth : c0;
        const cMax = Math.min(inWidth, c0 + effectiveFilterWidth);
        for (let d = 0; d < inChannels; d++, o++) {
          let best = Number.NEGATIVE_INFINITY;
          let bestPos = -1;
          for (let xr = rMin; xr < rMax; xr += dilationHeight) {
            const rowBase = (b * inHeight + xr) * inWidth;
            for (let xc = cMin; xc < cMax; xc += dilationWidth) {
              const p = (rowBase + xc) * inChannels + d;
              const v = x[p];
              // Strict '>' keeps the first maximum, as the CPU backend does.
              if (v > best) {
                best = v;
                bestPos = p;
              }
            }
          }
          pos[o] = bestPos;
        }
      }
    }
  }
  return pos;
}

function poolInfo(
  shape: number[],
  attrs: tf.NamedAttrMap,
): tf.backend_util.Conv2DInfo {
  const a = attrs as unknown as tf.MaxPoolGradAttrs;
  return tf.backend_util.computePool2DInfo(
    shape as [number, number, number, number],
    a.filterSize,
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
  );
}

export function maxPoolGradImpl(
  dy: tf.Tensor4D,
  input: tf.Tensor4D,
  attrs: tf.NamedAttrMap,
): tf.Tensor4D {
  const info = poolInfo(input.shape, attrs);
  const pos = maxPositions(input.dataSync(), info);
  const g = dy.dataSync();
  const dx = new Float32Array(input.size);
  for (let o = 0; o < pos.length; o++) {
    const p = pos[o];
    // Overlapping windows (e.g. 3×3 stride 2) can pick the same pixel: sum.
    if (p >= 0) dx[p] += g[o];
  }
  return tf.tensor4d(dx, input.shape, 'float32');
}

export function maxPoolWithArgmaxImpl(
  x: tf.Tensor4D,
  attrs: tf.NamedAttrMap,
): [tf.Tensor4D, tf.Tensor4D] {
  const includeBatchInIndex = (attrs as unknown as tf.MaxPoolWithArgmaxAttrs).includeBatchInIndex;
  const info = poolInfo(x.shape, attrs);
  const xv = x.dataSync();
  const pos = maxPositions(xv, info);
  const values = new Float32Array(pos.length);
  const indexes = new Int32Array(pos.length);
  const perImage = info.inHeight * info.inWidth * info.inChannels;
  for (let o = 0; o < pos.length; o++) {
    const p = pos[o];
    values[o] = p >= 0 ? xv[p] : Number.NEGATIVE_INFINITY;
    // Same index convention as tf.maxPoolWithArgmax: flat NHWC offset, with or
    // without the batch term.
    indexes[o] = p < 0 || includeBatchInIndex ? p : p % perImage;
  }
  return [
    tf.tensor4d(values, info.outShape, 'float32'),
    tf.tensor4d(indexes, info.outShape, 'int32'),
  ];
}

/** Installs the correct MaxPoolGrad / MaxPoolWithArgmax on wasm (idempotent). */
export function registerMaxPoolFixes(backendName: 'wasm'): boolean {
  // 'replace': the stock wasm kernels exist but return wrong values.
  const a = registerOpKernel(
    tf.MaxPoolGrad,
    backendName,
    (inputs, attrs) => maxPoolGradImpl(inputs.dy as tf.Tensor4D, inputs.input as tf.Tensor4D, attrs),
    'replace',
  );
  const b = registerOpKernel(
    tf.MaxPoolWithArgmax,
    backendName,
    (inputs, attrs) => maxPoolWithArgmaxImpl(inputs.x as tf.Tensor4D, attrs),
    'replace',
  );
  return a || b;
}
