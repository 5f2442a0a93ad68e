import * as tf from '@tensorflow/tfjs-core';
import { WASM_BASE64 } from './matmul.wasm';
import { heapKernel } from './wasmHeap';

/** matmul.wat's export: A, B, C heap offsets, the sizes, then A's row and column strides in bytes. */
type BatchMatMulExport = (a: number, b: number, c: number, batch: number, m: number, k: number, n: number, aRowB: number, aColB: number) => void;

/**
 * A batched BatchMatMul (rank ≥ 3, the same leading dimensions on both sides, more than one product)
 * on the wasm backend as our SIMD loop (matmul.wat), in place in tfjs's heap.
 *
 * Why: tfjs-backend-wasm 4.22 runs a batched product as a scalar loop; only unbatched ones reach
 * XNNPACK. A ViT's attention is nothing but batched products ((B·heads) × T × d_h), and they were
 * ~60% of an MAE step (`npx tsx bench/profile-step.ts --config method=mae`). A transposed A is read
 * through strides; a transposed B is transposed first (the loop needs B's rows contiguous): for MAE's
 * Q·Kᵀ ([256, 37, 16] each) the transpose alone takes 0.17 ms, the product with it 0.77 and on a
 * pre-transposed K 0.73 (min of 30, quiet machine).
 *
 * Returns null where it does not apply (an unbatched or broadcast product, N < 8, an empty sum, not
 * float32, no heap or SIMD); the caller then runs the stock kernel.
 */
export function batchMatMulOnHeap(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean): tf.Tensor | null {
  const rank = a.shape.length;
  if (rank < 3 || b.shape.length !== rank || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const lead = a.shape.slice(0, -2);
  if (lead.some((d, i) => d !== b.shape[i])) return null;
  const batch = lead.reduce((x, y) => x * y, 1);
  const [m, k] = transposeA ? [a.shape[rank - 1], a.shape[rank - 2]] : [a.shape[rank - 2], a.shape[rank - 1]];
  const [kb, n] = transposeB ? [b.shape[rank - 1], b.shape[rank - 2]] : [b.shape[rank - 2], b.shape[rank - 1]];
  if (batch < 2 || k !== kb || k < 1 || m < 1 || n < 8) return null;
  const kernel = heapKernel(WASM_BASE64);
  if (kernel == null) return null;
  const { heap, exports } = kernel;
  return tf.tidy(() => {
    const rowMajorB = transposeB ? swapLastTwoAxes(b) : b;
    const out = heap.allocate([...lead, m, n]);
    const [aRowB, aColB] = transposeA ? [4, 4 * m] : [4 * k, 4];
    (exports.batchMatMul as BatchMatMulExport)(heap.offsetOf(a), heap.offsetOf(rowMajorB), out.offset, batch, m, k, n, aRowB, aColB);
    return out.tensor;
  });
}

/** x with its last two axes swapped (a matrix product's operand made row-major). */
export function swapLastTwoAxes(x: tf.TensorInfo): tf.Tensor {
  const rank = x.shape.length;
  return tf.transpose(x as tf.Tensor /* the engine passes kernels Tensors */, [...Array(rank - 2).keys(), rank - 1, rank - 2]);
}
