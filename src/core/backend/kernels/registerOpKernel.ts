import * as tf from '@tensorflow/tfjs-core';

/**
 * Shared plumbing for kernels that are written in terms of public tf ops
 * instead of backend internals.
 *
 * Why ops and not backend code: the same implementation then runs on any
 * backend (it only dispatches to kernels the backend already has), and we do
 * not depend on private backend classes (BackendWasm, MathBackendCPU) whose
 * layout changes between tfjs releases.
 *
 * Why this is safe inside a kernel: the engine increments its kernelDepth
 * while a kernel runs, so ops called here are not recorded on the gradient
 * tape, and returning a Tensor (rather than a bare TensorInfo) is an accepted
 * kernel result — the engine then uses it as the output as is.
 */

/**
 * A kernel body that receives real Tensors and may call any tf op. Kernels
 * with several outputs (MaxPoolWithArgmax) return them in kernel order.
 */
export type OpKernelBody = (
  inputs: Record<string, tf.Tensor>,
  attrs: tf.NamedAttrMap,
) => tf.Tensor | tf.Tensor[];

// Tags so a second registration call can recognise our own kernel and stop:
// OURS marks a replacement kernel, WRAPS lists every wrapper in a chain
// (a kernel can be wrapped twice, e.g. webgpu Cumsum: reverse fix + dtype guard).
const OURS = Symbol.for('ssl-playground.opKernel');
const WRAPS = Symbol.for('ssl-playground.wrappers');

type TaggedKernelFunc = tf.KernelFunc & { [OURS]?: string; [WRAPS]?: ReadonlySet<string> };

function asTensor(info: tf.TensorInfo): tf.Tensor {
  // The engine passes Tensor objects as kernel inputs today; the fallback keeps
  // us correct if a caller hands in a plain TensorInfo. Wrapping bumps the
  // data's refcount, and the surrounding tidy() drops it again.
  return info instanceof tf.Tensor ? info : tf.engine().makeTensorFromTensorInfo(info);
}

export function makeOpKernelFunc(kernelName: string, body: OpKernelBody): tf.KernelFunc {
  const fn: TaggedKernelFunc = ({ inputs, attrs }) =>
    // tidy() frees every intermediate (transposes, pads, ...); only the result
    // survives, which keeps the engine's per-kernel memory accounting exact.
    tf.tidy(() => {
      const ins: Record<string, tf.Tensor> = {};
      for (const [k, v] of Object.entries(inputs)) {
        if (v != null) ins[k] = asTensor(v);
      }
      return body(ins, attrs ?? {});
    });
  fn[OURS] = kernelName;
  return fn;
}

export function isOurKernel(kernelName: string, backendName: string): boolean {
  const k = tf.getKernel(kernelName, backendName);
  return k != null && (k.kernelFunc as TaggedKernelFunc)[OURS] === kernelName;
}

export type RegisterMode =
  /** Only fill a gap; keep a native kernel if the backend has one. */
  | 'if-missing'
  /** Replace the backend's own kernel (used where the stock one is slow). */
  | 'replace';

/**
 * Registers `body` as `kernelName` for `backendName`. Idempotent: calling it
 * again is a no-op once our kernel is in place.
 * Returns true when this call changed the registry.
 */
export function registerOpKernel(
  kernelName: string,
  backendName: string,
  body: OpKernelBody,
  mode: RegisterMode,
): boolean {
  if (isOurKernel(kernelName, backendName)) return false;
  const existing = tf.getKernel(kernelName, backendName);
  if (existing != null) {
    if (mode === 'if-missing') return false;
    // registerKernel() would overwrite too, but it logs a warning for every
    // duplicate; unregistering first keeps the console clean.
    tf.unregisterKernel(kernelName, backendName);
  }
  tf.registerKernel({ kernelName, backendName, kernelFunc: makeOpKernelFunc(kernelName, body) });
  return true;
}

/**
 * Wraps the backend's own kernel instead of replacing it: `wrap` decides per
 * call whether to hand the call to the stock kernel (fast path) or to do
 * something else, typically re-dispatching through tf ops with inputs the
 * stock kernel handles correctly.
 *
 * The stock setupFunc/disposeFunc are kept: if the backend initialises after
 * this call, the engine must still run the stock kernel's setup (on wasm it
 * binds the C++ export the stock kernelFunc calls).
 * Idempotent via `tag`. Returns true when it changed the registry; false if
 * the backend has no such kernel or it is already wrapped.
 */
export function wrapKernel(
  kernelName: string,
  backendName: string,
  tag: string,
  wrap: (
    args: Parameters<tf.KernelFunc>[0],
    stock: tf.KernelFunc,
  ) => ReturnType<tf.KernelFunc>,
): boolean {
  const stock = tf.getKernel(kernelName, backendName);
  if (stock == null) return false;
  const applied = (stock.kernelFunc as TaggedKernelFunc)[WRAPS] ?? new Set<string>();
  if (applied.has(tag)) return false;
  const stockFunc = stock.kernelFunc;
  const fn: TaggedKernelFunc = (args) => wrap(args, stockFunc);
  fn[WRAPS] = new Set([...applied, tag]);
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ ...stock, kernelFunc: fn });
  return true;
}

/** Tensor view of a kernel input (the engine normally passes Tensors already). */
export function inputTensor(info: tf.TensorInfo): tf.Tensor {
  return asTensor(info);
}
