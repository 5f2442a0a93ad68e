import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { maxRelErr, randTensor, runStockCpu, useBackend, values } from './testUtils';
import { registerMissingKernels } from './index';

/**
 * The wasm-only kernels: UnsortedSegmentSum (missing), MaxPoolGrad and
 * MaxPoolWithArgmax (wrong for all-negative windows) and the int32/bool
 * guards. Every check compares with the CPU backend on the same inputs.
 */

/** Runs `f` on cpu and on wasm with the same input values. */
async function onBoth<T>(f: () => T): Promise<{ cpu: T; wasm: T }> {
  await useBackend('cpu');
  const cpu = f();
  await useBackend('wasm');
  const wasm = f();
  return { cpu, wasm };
}

describe('wasm kernel fixes', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    await useBackend('wasm');
    registerMissingKernels('wasm');
  });

  describe('UnsortedSegmentSum', () => {
    const cases: [string, number[], number[], number][] = [
      ['1-D ids, 2-D data', [6, 5], [0, 2, 2, 1, 0, 2], 3],
      ['ids with repeats, batch 1 row', [1, 5], [1], 3],
      ['ids out of range are dropped', [5, 3], [0, -1, 3, 2, 7], 4],
    ];
    it.each(cases)('%s', async (_n, shape, ids, numSegments) => {
      await useBackend('cpu');
      const ref = tf.tidy(() =>
        values(
          runStockCpu(tf.UnsortedSegmentSum, { x: randTensor(shape, 5), segmentIds: tf.tensor1d(ids, 'int32') }, { numSegments })[0],
        ),
      );
      await useBackend('wasm');
      const out = tf.tidy(() => values(tf.unsortedSegmentSum(randTensor(shape, 5), tf.tensor1d(ids, 'int32'), numSegments)));
      expect(maxRelErr(out, ref)).toBeLessThan(1e-5);
    });

    it('2-D ids (a prefix of the data shape, TF semantics)', async () => {
      // The stock CPU kernel cannot do this case (it throws a broadcast error),
      // so the reference is a plain loop.
      await useBackend('wasm');
      const ids = [0, 1, 1, 3, 0, 2];
      const x = randTensor([2, 3, 5], 6);
      const xv = values(x);
      const expected = new Array(4 * 5).fill(0);
      ids.forEach((s, r) => {
        for (let c = 0; c < 5; c++) expected[s * 5 + c] += xv[r * 5 + c];
      });
      // The op's typing says 1-D ids; the kernel (like TF) accepts any prefix.
      const out = tf.unsortedSegmentSum(x, tf.tensor2d(ids, [2, 3], 'int32') as unknown as tf.Tensor1D, 4);
      expect(out.shape).toEqual([4, 5]);
      expect(maxRelErr(values(out), expected)).toBeLessThan(1e-6);
      tf.dispose([x, out]);
    });

    it('makes tf.gather differentiable on wasm', async () => {
      const f = () =>
        tf.tidy(() =>
          values(
            tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor1d([3, 0, 3, 1], 'int32'), 1), randTensor([5, 4], 9))))(
              randTensor([5, 4], 8),
            ),
          ),
        );
      const { cpu, wasm } = await onBoth(f);
      expect(maxRelErr(wasm, cpu)).toBeLessThan(1e-5);
    });
  });

  describe('MaxPoolGrad / MaxPoolWithArgmax', () => {
    // shift −3 makes every window all-negative: the case the stock wasm
    // kernels get wrong. 'ties' quantises values so windows contain equal maxima.
    const inputs = {
      mixed: (shape: number[], seed: number) => randTensor(shape, seed),
      negative: (shape: number[], seed: number) => randTensor(shape, seed, 0.5, -3),
      ties: (shape: number[], seed: number) => tf.relu(tf.round(randTensor(shape, seed, 1.5))),
    };
    const geoms: [string, number[], number, number, 'same' | 'valid' | number][] = [
      ['2x2 s2 same', [1, 6, 6, 1], 2, 2, 'same'],
      ['3x3 s2 same odd', [3, 7, 7, 5], 3, 2, 'same'],
      ['3x3 s1 valid', [3, 6, 5, 1], 3, 1, 'valid'],
      ['2x2 s2 valid odd', [1, 7, 9, 5], 2, 2, 'valid'],
      ['3x3 s2 pad 1', [3, 8, 8, 1], 3, 2, 1],
    ];
    for (const [kind, make] of Object.entries(inputs)) {
      it.each(geoms)(`MaxPoolGrad ${kind} %s`, async (_n, shape, k, s, pad) => {
        await useBackend('cpu');
        const ref = tf.tidy(() => {
          const x = make(shape, 11);
          const y = tf.maxPool(x as tf.Tensor4D, k, s, pad);
          const dy = randTensor(y.shape, 12);
          return values(runStockCpu(tf.MaxPoolGrad, { dy, input: x, output: y }, { filterSize: k, strides: s, pad })[0]);
        });
        await useBackend('wasm');
        const out = tf.tidy(() => {
          const x = make(shape, 11);
          const g = tf.grad((t: tf.Tensor) => {
            const y = tf.maxPool(t as tf.Tensor4D, k, s, pad);
            return tf.sum(tf.mul(y, randTensor(y.shape, 12)));
          })(x);
          return values(g);
        });
        expect(maxRelErr(out, ref)).toBeLessThan(1e-6);
      });
    }

    it.each(geoms.filter((g) => typeof g[4] === 'string'))('MaxPoolWithArgmax negative %s', async (_n, shape, k, s, pad) => {
      const run = (stock: boolean) =>
        tf.tidy(() => {
          const x = randTensor(shape, 21, 0.5, -3);
          const attrs = { filterSize: k, strides: s, pad, includeBatchInIndex: true };
          const [v, i] = stock
            ? runStockCpu(tf.MaxPoolWithArgmax, { x }, attrs)
            : (tf.engine().runKernel(tf.MaxPoolWithArgmax, { x }, attrs) as tf.Tensor[]);
          return [values(v), values(i)];
        });
      await useBackend('cpu');
      const ref = run(true);
      await useBackend('wasm');
      const out = run(false);
      expect(out[0]).toEqual(ref[0]);
      expect(out[1]).toEqual(ref[1]);
    });
  });

  describe('int32 / bool guards', () => {
    const base = Array.from({ length: 60 }, (_, i) => ((i * 37) % 23) - 11);
    const int = () => tf.tensor3d(base, [4, 5, 3], 'int32');
    const bool = () => tf.tensor3d(base.map((v) => (v > 0 ? 1 : 0)), [4, 5, 3], 'bool');
    const ops: [string, () => tf.Tensor][] = [
      ['stridedSlice int32', () => tf.stridedSlice(int(), [0, 1, 0], [4, 5, 3], [2, 2, 1])],
      ['stridedSlice int32 shrink', () => tf.stridedSlice(int(), [1, 0, 0], [2, 5, 3], [1, 2, 1], 0, 0, 0, 0, 1)],
      ['stridedSlice bool', () => tf.stridedSlice(bool(), [0, 1, 0], [4, 5, 3], [2, 2, 1])],
      ['clipByValue int32', () => tf.clipByValue(int(), -3, 3)],
      ['reverse bool', () => tf.reverse(bool(), 1)],
      ['where with bool branches', () => tf.where(tf.greater(int(), 0), bool(), tf.logicalNot(bool()))],
      ['resizeNearestNeighbor int32', () => tf.image.resizeNearestNeighbor(tf.reshape(int(), [1, 4, 5, 3]) as tf.Tensor4D, [8, 10])],
    ];
    it.each(ops)('%s matches cpu (values and dtype)', async (_n, op) => {
      const run = () =>
        tf.tidy(() => {
          const y = op();
          return { dtype: y.dtype, shape: y.shape, v: values(y) };
        });
      const { cpu, wasm } = await onBoth(run);
      expect(wasm).toEqual(cpu);
    });

    it('survives many bool selects (the stock kernel corrupted the wasm heap)', async () => {
      await useBackend('wasm');
      for (let i = 0; i < 300; i++) {
        tf.tidy(() => tf.where(bool(), bool(), bool()).dataSync());
      }
      const s = tf.tidy(() => values(tf.sum(tf.cast(tf.reverse(bool(), 0), 'int32'))));
      expect(s).toEqual([base.filter((v) => v > 0).length]);
    });

    it('leaves float32 on the stock kernels', async () => {
      const run = () => tf.tidy(() => values(tf.stridedSlice(randTensor([6, 5], 1), [0, 1], [6, 5], [2, 2])));
      const { cpu, wasm } = await onBoth(run);
      expect(wasm).toEqual(cpu);
    });
  });
});
