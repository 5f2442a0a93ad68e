import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { convCaseLabel, expectLoopMatchesCpu, expectNothingLeftBy, maxRelErr, randTensor, runStockCpu, useBackend, values, type ConvCase } from '../testUtils';
import { conv2dBackpropFilterOnHeap, conv2dBackpropInputOnHeap, conv2dOnHeap, forwardLoopIsFaster } from './conv';
import { registerFastConv2D } from '../conv2d';
import { registerMissingKernels } from '../index';
import { WASM_BASE64 } from './conv.wasm';
import { kernelInstance, wasmHeapOf } from './wasmHeap';

// The SIMD kernel on tfjs-wasm's heap against the stock CPU kernel (tfjs's own scalar loop), on the
// shapes the encoders use and on the edges of its loops: input channels that are not a multiple of 4
// (the 1-row tile), 1 and 3 (first layers), odd sizes with asymmetric 'same' padding, 'valid' with
// unused trailing rows, explicit padding, unequal strides, 1×1, 2×2 and 5×5 filters.
const cases: ConvCase[] = [
  { x: [2, 28, 28, 1], f: [3, 3], cOut: 16, strides: 1, pad: 'same' },
  { x: [2, 32, 32, 3], f: [3, 3], cOut: 32, strides: 1, pad: 'same' },
  { x: [3, 28, 28, 16], f: [3, 3], cOut: 32, strides: 2, pad: 'same' },
  { x: [2, 14, 14, 64], f: [3, 3], cOut: 128, strides: 2, pad: 'same' },
  { x: [1, 9, 11, 6], f: [3, 3], cOut: 8, strides: 2, pad: 'same' },
  { x: [2, 15, 13, 5], f: [3, 3], cOut: 16, strides: 2, pad: 'valid' },
  { x: [1, 8, 8, 7], f: [2, 2], cOut: 8, strides: 2, pad: 'valid' },
  { x: [2, 7, 7, 4], f: [1, 1], cOut: 24, strides: 1, pad: 'valid' },
  { x: [1, 9, 9, 8], f: [5, 5], cOut: 8, strides: 2, pad: 'same' },
  { x: [2, 10, 7, 12], f: [3, 2], cOut: 16, strides: [2, 1], pad: 'same' },
  { x: [1, 11, 11, 4], f: [3, 3], cOut: 8, strides: 2, pad: 1 },
  { x: [1, 3, 3, 4], f: [5, 5], cOut: 8, strides: 1, pad: 2 },
];

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm');
});

/** The case's filter shape and tfjs's geometry of its forward conv (x → dy). */
function geometryOf(c: ConvCase) {
  const filterShape: [number, number, number, number] = [c.f[0], c.f[1], c.x[3], c.cOut];
  return { filterShape, info: tf.backend_util.computeConv2DInfo(c.x, filterShape, c.strides, 1, c.pad) };
}

function setUp(c: ConvCase, seed: number) {
  const { filterShape, info } = geometryOf(c);
  const attrs: tf.Conv2DBackpropFilterAttrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape };
  return { attrs, info, x: randTensor(c.x, seed) as tf.Tensor4D, dy: randTensor(info.outShape, seed + 1) as tf.Tensor4D };
}

describe('conv2dBackpropFilterOnHeap (SIMD kernel on the wasm heap)', () => {
  it.each(cases.map((c, i) => [convCaseLabel(c), c, i] as const))('%s matches the stock CPU kernel', async (_name, c, i) => {
    await expectLoopMatchesCpu(
      () => {
        const { x, dy, attrs } = setUp(c, 11 + i);
        return values(runStockCpu(tf.Conv2DBackpropFilter, { x, dy }, attrs as unknown as tf.NamedAttrMap)[0]);
      },
      () => {
        const { x, dy, info } = setUp(c, 11 + i);
        const out = conv2dBackpropFilterOnHeap(x, dy, info);
        tf.dispose([x, dy]);
        return out;
      },
      [c.f[0], c.f[1], c.x[3], c.cOut],
    );
  });

  it('overwrites whatever the output buffer held (the heap is reused, not zeroed)', async () => {
    await useBackend('wasm');
    const c = cases[4];
    const { x, dy, info } = setUp(c, 5);
    const first = conv2dBackpropFilterOnHeap(x, dy, info)!;
    const firstValues = values(first);
    first.dispose();
    // Freed memory is handed out again; fill some with junk first.
    tf.dispose(tf.fill([c.f[0] * c.f[1] * c.x[3] * c.cOut], 1e6));
    const second = conv2dBackpropFilterOnHeap(x, dy, info)!;
    expect(values(second)).toEqual(firstValues);
    tf.dispose([x, dy, second]);
  });

  it('leaves no tensor and no heap allocation behind', async () => {
    await useBackend('wasm');
    const { x, dy, info } = setUp(cases[2], 9);
    expectNothingLeftBy(() => {
      tf.tidy(() => {
        conv2dBackpropFilterOnHeap(x, dy, info); // dropped: the tidy must free it
      });
      conv2dBackpropFilterOnHeap(x, dy, info)!.dispose();
    });
    tf.dispose([x, dy]);
  });

  it('declines what it does not cover, so the caller falls back: C_out not a multiple of 8, int32', async () => {
    await useBackend('wasm');
    const { x, dy, info } = setUp({ x: [1, 8, 8, 4], f: [3, 3], cOut: 12, strides: 1, pad: 'same' }, 3);
    expect(conv2dBackpropFilterOnHeap(x, dy, info)).toBeNull();
    const xi = tf.cast(x, 'int32') as tf.Tensor4D;
    const { dy: dy8, info: info8 } = setUp({ x: [1, 8, 8, 4], f: [3, 3], cOut: 8, strides: 1, pad: 'same' }, 3);
    expect(conv2dBackpropFilterOnHeap(xi, dy8, info8)).toBeNull();
    tf.dispose([x, dy, xi, dy8]);
  });

  it('finds the heap of the wasm backend and of nothing else', async () => {
    expect(wasmHeapOf(tf.findBackend('wasm'))).not.toBeNull();
    expect(wasmHeapOf(tf.findBackend('cpu'))).toBeNull();
    expect(wasmHeapOf(null)).toBeNull();
  });
});

// The input gradient: C_in must be a multiple of 8; rows of 1–3 leftover pixels take the 1-pixel tile.
const inputCases: ConvCase[] = [
  { x: [3, 28, 28, 16], f: [3, 3], cOut: 32, strides: 2, pad: 'same' },
  { x: [2, 14, 14, 32], f: [3, 3], cOut: 64, strides: 2, pad: 'same' },
  { x: [2, 28, 28, 32], f: [3, 3], cOut: 32, strides: 1, pad: 'same' },
  { x: [1, 9, 11, 8], f: [3, 3], cOut: 5, strides: 2, pad: 'same' },
  { x: [2, 15, 13, 16], f: [3, 3], cOut: 8, strides: 2, pad: 'valid' },
  { x: [1, 8, 8, 8], f: [2, 2], cOut: 3, strides: 2, pad: 'valid' },
  { x: [2, 7, 7, 24], f: [1, 1], cOut: 4, strides: 1, pad: 'valid' },
  { x: [1, 9, 9, 8], f: [5, 5], cOut: 8, strides: 2, pad: 'same' },
  { x: [2, 10, 7, 16], f: [3, 2], cOut: 16, strides: [2, 1], pad: 'same' },
  { x: [1, 11, 11, 8], f: [3, 3], cOut: 1, strides: 2, pad: 1 },
  { x: [1, 3, 3, 8], f: [5, 5], cOut: 8, strides: 1, pad: 2 },
];

function setUpInput(c: ConvCase, seed: number) {
  const { filterShape, info } = geometryOf(c);
  const attrs: tf.Conv2DBackpropInputAttrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x };
  return { attrs, info, dy: randTensor(info.outShape, seed) as tf.Tensor4D, filter: randTensor(filterShape, seed + 1) as tf.Tensor4D };
}

describe('conv2dBackpropInputOnHeap (SIMD kernel on the wasm heap)', () => {
  it.each(inputCases.map((c, i) => [convCaseLabel(c), c, i] as const))('%s matches the stock CPU kernel', async (_name, c, i) => {
    await expectLoopMatchesCpu(
      () => {
        const { dy, filter, attrs } = setUpInput(c, 31 + i);
        return values(runStockCpu(tf.Conv2DBackpropInput, { dy, filter }, attrs as unknown as tf.NamedAttrMap)[0]);
      },
      () => {
        const { dy, filter, info } = setUpInput(c, 31 + i);
        const out = conv2dBackpropInputOnHeap(dy, filter, info);
        tf.dispose([dy, filter]);
        return out;
      },
      c.x,
    );
  });

  it('zeroes the pixels no tap reaches (the heap is reused, not zeroed)', async () => {
    await useBackend('wasm');
    // 1×1 filter, stride 2: only every other row and column of dx receives anything.
    const c: ConvCase = { x: [1, 6, 6, 8], f: [1, 1], cOut: 8, strides: 2, pad: 'valid' };
    tf.dispose(tf.fill([6 * 6 * 8], 1e6));
    const { dy, filter, info } = setUpInput(c, 3);
    const out = conv2dBackpropInputOnHeap(dy, filter, info)!;
    const v = values(out);
    // Row 1 (odd) is never written by a tap: all zero; row 0 column 0 is.
    expect(v.slice(6 * 8, 12 * 8).every((x) => x === 0)).toBe(true);
    expect(v.slice(0, 8).some((x) => x !== 0)).toBe(true);
    tf.dispose([dy, filter, out]);
  });

  it('leaves no tensor and no heap allocation behind', async () => {
    await useBackend('wasm');
    const { dy, filter, info } = setUpInput(inputCases[0], 9);
    expectNothingLeftBy(() => conv2dBackpropInputOnHeap(dy, filter, info)!.dispose());
    tf.dispose([dy, filter]);
  });

  it('declines C_in not a multiple of 8, so the caller falls back', async () => {
    await useBackend('wasm');
    const { dy, filter, info } = setUpInput({ x: [1, 8, 8, 4], f: [3, 3], cOut: 8, strides: 1, pad: 'same' }, 3);
    expect(conv2dBackpropInputOnHeap(dy, filter, info)).toBeNull();
    tf.dispose([dy, filter]);
  });
});

describe('the shared-memory build of the kernels (what the threaded wasm backend loads)', () => {
  it('instantiates on a shared memory and computes what the plain build computes on the tfjs heap', async () => {
    await useBackend('wasm');
    const c: ConvCase = { x: [2, 9, 9, 8], f: [3, 3], cOut: 16, strides: 2, pad: 'same' };
    const { x, dy, info } = setUp(c, 41);
    const filter = randTensor([3, 3, 8, 16], 43) as tf.Tensor4D;
    const plainDw = conv2dBackpropFilterOnHeap(x, dy, info)!;
    const plainDx = conv2dBackpropInputOnHeap(dy, filter, info)!;

    const memory = new WebAssembly.Memory({ initial: 4, maximum: 65536, shared: true });
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    const instance = kernelInstance(WASM_BASE64, memory);
    expect(instance).not.toBeNull();
    // Lay the inputs out by hand: x, dy, the transposed filter, then room for dW and dx.
    const heap = new Float32Array(memory.buffer);
    const place = (values: ArrayLike<number>, at: number) => (heap.set(values, at / 4), at);
    const xAt = place(x.dataSync(), 0);
    const dyAt = place(dy.dataSync(), xAt + x.size * 4);
    const wtAt = place(tf.transpose(filter, [0, 1, 3, 2]).dataSync(), dyAt + dy.size * 4);
    const dwAt = wtAt + filter.size * 4;
    const dxAt = dwAt + filter.size * 4;
    heap.fill(7, dwAt / 4, dxAt / 4 + x.size); // junk the kernels must overwrite
    const geometry = [2, 9, 9, 8, info.outHeight, info.outWidth, 16, 3, 3, 2, 2, info.padInfo.top, info.padInfo.left];
    (instance!.exports.conv2dBackpropFilter as (...a: number[]) => void)(xAt, dyAt, dwAt, ...geometry);
    (instance!.exports.conv2dBackpropInput as (...a: number[]) => void)(dyAt, wtAt, dxAt, ...geometry);
    expect(Array.from(heap.subarray(dwAt / 4, dwAt / 4 + filter.size))).toEqual(values(plainDw));
    expect(Array.from(heap.subarray(dxAt / 4, dxAt / 4 + x.size))).toEqual(values(plainDx));
    tf.dispose([x, dy, filter, plainDw, plainDx]);
  });
});

// The forward conv (the loop takes C_in ≥ 8, C_out a multiple of 8, outputs ≥ 12 wide): the left/right
// edge columns and the 1–3 left over take the 1-pixel path, which skips taps in the padding; rows near
// the top and bottom use only the tap rows inside x; rows with none at all are zero.
const forwardCases: ConvCase[] = [
  { x: [3, 28, 28, 16], f: [3, 3], cOut: 32, strides: 2, pad: 'same' },
  { x: [2, 28, 28, 32], f: [3, 3], cOut: 64, strides: 2, pad: 'same' },
  { x: [2, 12, 12, 8], f: [3, 3], cOut: 8, strides: 1, pad: 'same' },
  { x: [1, 27, 25, 8], f: [3, 3], cOut: 16, strides: 2, pad: 'same' },
  { x: [2, 29, 27, 12], f: [3, 3], cOut: 16, strides: 2, pad: 'valid' },
  { x: [1, 24, 24, 8], f: [2, 2], cOut: 8, strides: 2, pad: 'valid' },
  { x: [2, 14, 14, 8], f: [1, 1], cOut: 24, strides: 1, pad: 'valid' },
  { x: [1, 25, 25, 8], f: [5, 5], cOut: 8, strides: 2, pad: 'same' },
  { x: [2, 20, 13, 12], f: [3, 2], cOut: 16, strides: [2, 1], pad: 'same' },
  { x: [1, 23, 23, 8], f: [3, 3], cOut: 8, strides: 2, pad: 1 },
  { x: [1, 3, 12, 8], f: [5, 5], cOut: 8, strides: 1, pad: 2 },
  { x: [1, 2, 14, 8], f: [3, 3], cOut: 8, strides: 1, pad: 3 },
];

function setUpForward(c: ConvCase, seed: number) {
  const { filterShape, info } = geometryOf(c);
  return { info, x: randTensor(c.x, seed) as tf.Tensor4D, filter: randTensor(filterShape, seed + 1) as tf.Tensor4D };
}

describe('conv2dOnHeap (SIMD forward conv on the wasm heap)', () => {
  it.each(forwardCases.map((c, i) => [convCaseLabel(c), c, i] as const))('%s matches tf.conv2d on cpu', async (_name, c, i) => {
    const { info } = geometryOf(c);
    await expectLoopMatchesCpu(
      () => {
        const { x, filter } = setUpForward(c, 51 + i);
        return values(tf.conv2d(x, filter, c.strides, c.pad));
      },
      () => {
        const { x, filter } = setUpForward(c, 51 + i);
        // Junk in the heap first: every output value must be written, padding-only pixels included.
        tf.dispose(tf.fill([info.outShape.reduce((a, b) => a * b, 1)], 1e6));
        const out = conv2dOnHeap(x, filter, info);
        tf.dispose([x, filter]);
        return out;
      },
      info.outShape,
    );
  });

  it('is what tf.conv2d runs on wasm once registered, and its gradients still flow', async () => {
    await useBackend('wasm');
    registerMissingKernels('wasm'); // Conv2D and the gradients tf.grad needs on wasm
    expect(registerFastConv2D('wasm')).toBe(false); // already wrapped
    const c = forwardCases[3];
    const { x, filter, info } = setUpForward(c, 7);
    const direct = conv2dOnHeap(x, filter, info)!;
    const viaOp = tf.conv2d(x, filter, c.strides, c.pad);
    expect(values(viaOp)).toEqual(values(direct));
    // Dilation is declined: the stock kernel runs it, and matches cpu.
    const dilated = values(tf.conv2d(x, filter, 1, 'same', 'NHWC', 2));
    await useBackend('cpu');
    const dilatedRef = tf.tidy(() => values(tf.conv2d(tf.tensor(x.dataSync(), x.shape) as tf.Tensor4D, tf.tensor(filter.dataSync(), filter.shape) as tf.Tensor4D, 1, 'same', 'NHWC', 2)));
    expect(maxRelErr(dilated, dilatedRef)).toBeLessThan(1e-5);
    await useBackend('wasm');
    const tensors = tf.memory().numTensors;
    const g = tf.grad((f: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, f as tf.Tensor4D, c.strides, c.pad))))(filter);
    expect(tf.memory().numTensors).toBe(tensors + 1);
    expect(g.shape).toEqual(filter.shape);
    tf.dispose([x, filter, direct, viaOp, g]);
  });

  it('leaves the threaded build to XNNPACK, whose conv runs on the thread pool', () => {
    expect(forwardLoopIsFaster({ inChannels: 32, outWidth: 14 }, false)).toBe(true);
    expect(forwardLoopIsFaster({ inChannels: 32, outWidth: 14 }, true)).toBe(false);
    expect(wasmHeapOf(tf.findBackend('wasm'))!.shared).toBe(false); // Node: tfjs never runs the threaded build
  });

  it('declines what XNNPACK does faster or it does not cover: C_in < 8, outputs < 12 wide, C_out not a multiple of 8, dilation', async () => {
    await useBackend('wasm');
    const declined = (c: ConvCase, dilation = 1) => {
      const { x, filter } = setUpForward(c, 3);
      const out = conv2dOnHeap(x, filter, tf.backend_util.computeConv2DInfo(x.shape, filter.shape, c.strides, dilation, c.pad));
      tf.dispose([x, filter]);
      return out == null;
    };
    expect(declined({ x: [1, 16, 16, 8], f: [3, 3], cOut: 8, strides: 1, pad: 'same' })).toBe(false); // the control
    expect(declined({ x: [1, 16, 16, 4], f: [3, 3], cOut: 8, strides: 1, pad: 'same' })).toBe(true);
    expect(declined({ x: [1, 16, 11, 8], f: [3, 3], cOut: 8, strides: 1, pad: 'same' })).toBe(true);
    expect(declined({ x: [1, 16, 16, 8], f: [3, 3], cOut: 12, strides: 1, pad: 'same' })).toBe(true);
    expect(declined({ x: [1, 16, 16, 8], f: [3, 3], cOut: 8, strides: 1, pad: 'same' }, 2)).toBe(true);
  });
});
