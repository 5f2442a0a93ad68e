import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from './testUtils';
import { registerMissingKernels } from './index';
import { isOurKernel } from './registerOpKernel';

describe('registerMissingKernels', () => {
  it('patches wasm before the backend is initialised, and only once', async () => {
    // Registering first and initialising afterwards must work: the wrapped
    // stock kernels keep their setupFunc, which binds their wasm exports.
    const first = registerMissingKernels('wasm');
    expect(first).toEqual(
      expect.arrayContaining([
        'gradient:Greater',
        'gradient:StridedSlice',
        'gradient:GatherNd',
        'gradient:Cumsum',
        'wasm:Conv2D',
        'wasm:Conv2DBackpropFilter',
        'wasm:Conv2DBackpropInput',
        'wasm:UnsortedSegmentSum',
        'wasm:MaxPoolGrad+MaxPoolWithArgmax',
        'wasm:StridedSlice(int32/bool)',
        'wasm:Select(int32/bool)',
      ]),
    );
    expect(registerMissingKernels('wasm')).toEqual([]);

    await useBackend('wasm');
    const y = tf.tidy(() => Array.from(tf.stridedSlice(tf.tensor1d([1, 2, 3, 4, 5], 'int32'), [0], [5], [2]).dataSync()));
    expect(y).toEqual([1, 3, 5]);
  });

  it('cpu gets only the fast conv gradients', async () => {
    await useBackend('cpu');
    expect(registerMissingKernels('cpu')).toEqual(['cpu:Conv2DBackpropFilter', 'cpu:Conv2DBackpropInput']);
    expect(isOurKernel(tf.Conv2DBackpropFilter, 'cpu')).toBe(true);
    expect(isOurKernel(tf.Conv2DBackpropInput, 'cpu')).toBe(true);
    expect(registerMissingKernels('cpu')).toEqual([]);
  });

  it('webgl is left alone; webgpu gets the reverse-scan fix only if its backend is loaded', () => {
    expect(registerMissingKernels('webgl')).toEqual([]);
    // @tensorflow/tfjs-backend-webgpu is not imported in this test, so there
    // is no stock Cumsum to wrap and nothing changes.
    expect(registerMissingKernels('webgpu')).toEqual([]);
  });
});
