import { registerFastBatchMatMul } from './batchMatMul';
import { registerFastConv2D } from './conv2d';
import { registerFastConvBackpropFilter } from './conv2dBackpropFilter';
import { registerFastConvBackpropInput } from './conv2dBackpropInput';
import { registerCumsumReverseFix } from './cumsum';
import { registerDtypeGuards } from './dtypeGuard';
import { registerMissingGradients } from './gradients';
import { registerMaxPoolFixes } from './maxPool';
import { registerUnsortedSegmentSum } from './unsortedSegmentSum';

export { registerFastBatchMatMul } from './batchMatMul';
export { registerFastConv2D } from './conv2d';
export { registerFastConvBackpropFilter, conv2dBackpropFilterImpl } from './conv2dBackpropFilter';
export { registerFastConvBackpropInput, conv2dBackpropInputImpl } from './conv2dBackpropInput';
export { registerCumsumReverseFix } from './cumsum';
export { registerDtypeGuards } from './dtypeGuard';
export { registerMissingGradients } from './gradients';
export { registerMaxPoolFixes } from './maxPool';
export { registerUnsortedSegmentSum } from './unsortedSegmentSum';

/**
 * Patches the kernel/gradient gaps of tfjs 4.22 that break or slow down
 * training on `backendName` (see kernels/README.md for the audit):
 *
 *  - every backend: gradient fixes (comparison ops, StridedSlice, GatherNd,
 *    Cumsum) — these live in tfjs-core and affect all backends alike;
 *  - cpu: conv-based Conv2DBackpropFilter (the stock one is 85–97% of a
 *    conv training step; replacing it makes a step ~19× faster — see README);
 *  - cpu and wasm: sub-pixel conv-based Conv2DBackpropInput (the stock ones
 *    are scalar loops; on wasm it was over half of a SimCLR step);
 *  - wasm: conv2d and both its gradients as our own SIMD loops on the
 *    backend's heap where the channel counts allow (wasm/conv.ts), the
 *    stock kernel and the formulations above elsewhere;
 *  - wasm: batched BatchMatMul (a ViT's attention) as our SIMD loop
 *    (wasm/matmul.ts); tfjs runs it as a scalar loop;
 *  - wasm: Conv2DBackpropFilter and UnsortedSegmentSum (missing, so conv and
 *    gather backprop throw), MaxPoolGrad/MaxPoolWithArgmax (wrong results
 *    for windows whose values are all negative), and int32/bool guards for
 *    StridedSlice, ClipByValue, Reverse, Select, ResizeNearestNeighbor
 *    (garbage values, or heap corruption, for non-float inputs);
 *  - webgpu: reverse Cumsum/Cumprod (a shader-cache bug returns wrong sums),
 *    and int32 Cumsum/Cumprod, bool ScatterNd (float-only shaders);
 *  - webgl: nothing known (it cannot be audited in Node).
 *
 * Call after the backend's package has been imported (importing it registers
 * its stock kernels, which would overwrite ours) and after tfjs's gradients
 * are registered; calling before or after tf.setBackend() is fine, since
 * kernels are looked up on every op. Idempotent. Returns what it changed,
 * for logging.
 */
export function registerMissingKernels(backendName: string): string[] {
  const changed = registerMissingGradients().map((k) => `gradient:${k}`);
  const note = (did: boolean, what: string) => {
    if (did) changed.push(`${backendName}:${what}`);
  };
  switch (backendName) {
    case 'cpu':
      note(registerFastConvBackpropFilter('cpu'), 'Conv2DBackpropFilter');
      note(registerFastConvBackpropInput('cpu'), 'Conv2DBackpropInput');
      break;
    case 'wasm':
      note(registerFastConv2D('wasm'), 'Conv2D');
      note(registerFastBatchMatMul('wasm'), 'BatchMatMul');
      note(registerFastConvBackpropFilter('wasm'), 'Conv2DBackpropFilter');
      note(registerFastConvBackpropInput('wasm'), 'Conv2DBackpropInput');
      note(registerUnsortedSegmentSum('wasm'), 'UnsortedSegmentSum');
      note(registerMaxPoolFixes('wasm'), 'MaxPoolGrad+MaxPoolWithArgmax');
      for (const k of registerDtypeGuards('wasm')) changed.push(`wasm:${k}(int32/bool)`);
      break;
    case 'webgpu':
      note(registerCumsumReverseFix('webgpu'), 'Cumsum+Cumprod(reverse)');
      for (const k of registerDtypeGuards('webgpu')) changed.push(`webgpu:${k}(int32/bool)`);
      break;
    default:
      // webgl: not auditable in Node (no WebGL context); nothing known.
      break;
  }
  return changed;
}
