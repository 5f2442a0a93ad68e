import * as tf from '@tensorflow/tfjs-core';
import { inputTensor, wrapKernel } from './registerOpKernel';

/**
 * Float-only kernels, made safe for int32 / bool tensors.
 *
 * Why: several tfjs-backend-wasm 4.22 kernels treat their data as 4-byte
 * floats whatever its dtype. Measured here against the CPU backend:
 *  - StridedSlice on int32/bool (any non-contiguous slice, e.g. stride 2)
 *    returns a *float32* tensor holding raw bit patterns (garbage values);
 *  - ClipByValue on int32 writes float bit patterns (−3 → −1069547520);
 *  - Reverse on bool returns wrong values, and Select (tf.where) with bool
 *    branches writes 4 bytes per 1-byte element: both overrun their output
 *    buffer and corrupt the wasm heap — later, unrelated ops then trap
 *    ("memory access out of bounds", "divide by zero") or hang;
 *  - ResizeNearestNeighbor returns int32 images as float32.
 * and on webgpu (Dawn/SwiftShader in Node): Cumsum/Cumprod on int32 and
 * ScatterNd on bool return garbage.
 * Our own StridedSlice gradient runs StridedSlice on an int32 index map, and
 * masks/labels are int32 or bool, so these are on real code paths.
 *
 * The guard keeps the stock kernel for float32 (no cost on the hot path) and
 * otherwise casts the data inputs to float32, runs the stock kernel, and casts
 * back. int32 values are exact up to 2^24 in magnitude (far above any index or
 * label we use); bool round-trips exactly.
 */

interface Guard {
  /** Inputs that carry data; index/condition inputs keep their dtype. */
  inputs: string[];
  /** Dtypes the stock kernel gets wrong; everything else goes straight to it. */
  broken: tf.DataType[];
}

const GUARDED: Record<'wasm' | 'webgpu', Record<string, Guard>> = {
  wasm: {
    [tf.StridedSlice]: { inputs: ['x'], broken: ['int32', 'bool'] },
    [tf.ClipByValue]: { inputs: ['x'], broken: ['int32'] },
    [tf.Reverse]: { inputs: ['x'], broken: ['bool'] },
    [tf.Select]: { inputs: ['t', 'e'], broken: ['bool'] },
    // Values are right but the result comes back as float32 instead of int32.
    [tf.ResizeNearestNeighbor]: { inputs: ['images'], broken: ['int32'] },
  },
  webgpu: {
    // The scan shader is float-only: int32 output is left holding whatever the
    // recycled buffer contained (in the audit, the previous op's result).
    [tf.Cumsum]: { inputs: ['x'], broken: ['int32'] },
    [tf.Cumprod]: { inputs: ['x'], broken: ['int32'] },
    // Bool updates come back as arbitrary bytes (248, 6, 253, ...).
    [tf.ScatterNd]: { inputs: ['updates'], broken: ['bool'] },
  },
};

function guard(kernelName: string, backendName: string, spec: Guard): boolean {
  return wrapKernel(kernelName, backendName, 'dtypeGuard', (args, stock) => {
    const { inputs, attrs } = args;
    const names = spec.inputs;
    const dtype = inputs[names[0]]?.dtype;
    if (dtype == null || !spec.broken.includes(dtype)) return stock(args);
    return tf.tidy(() => {
      const floatInputs: tf.NamedTensorMap = {};
      for (const [k, v] of Object.entries(inputs)) {
        if (v == null) continue;
        floatInputs[k] = names.includes(k) ? tf.cast(inputTensor(v), 'float32') : inputTensor(v);
      }
      // Dispatches to this same kernel again, which now takes the stock path.
      const out = tf.engine().runKernel(kernelName, floatInputs, attrs) as tf.Tensor;
      return tf.cast(out, dtype);
    });
  });
}

/** Wraps the float-only kernels of a backend (idempotent). Returns the names it wrapped. */
export function registerDtypeGuards(backendName: 'wasm' | 'webgpu'): string[] {
  return Object.entries(GUARDED[backendName])
    .filter(([name, spec]) => guard(name, backendName, spec))
    .map(([name]) => name);
}
