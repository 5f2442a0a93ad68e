import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { parseCifarBatches } from './cifar';
import { checkUserDataset, classCounts } from './userDataset';

/** A batch file in the exact CIFAR-10 binary layout, from known labels and a seeded pixel stream. */
function synthBatch(labels: number[], seed: number): { bytes: Uint8Array; image: (k: number, y: number, x: number, c: number) => number } {
  const rng = mulberry32(seed);
  const values = labels.map(() => Array.from({ length: 3 }, () => Array.from({ length: 32 }, () => Array.from({ length: 32 }, () => Math.floor(rng() * 256)))));
  const bytes: number[] = [];
  labels.forEach((label, k) => {
    bytes.push(label);
    // Red plane, then green, then blue; each row by row (the dataset's documented order).
    for (const plane of values[k]) for (const row of plane) bytes.push(...row);
  });
  return { bytes: Uint8Array.from(bytes), image: (k, y, x, c) => values[k][c][y][x] };
}

describe('CIFAR-10 binary batches', () => {
  it('reads labels and R, G, B planes into H×W×C, pixel by pixel, across files', () => {
    const a = synthBatch([3, 0, 9], 1);
    const b = synthBatch([7, 7], 2);
    const ds = parseCifarBatches([{ name: 'data_batch_1.bin', bytes: a.bytes }, { name: 'test_batch.bin', bytes: b.bytes }]);
    expect([ds.key, ds.count, ds.height, ds.width, ds.channels, ds.classes]).toEqual(['cifar10', 5, 32, 32, 3, 10]);
    expect(Array.from(ds.labels)).toEqual([3, 0, 9, 7, 7]);
    expect(ds.classNames[3]).toBe('cat');
    expect(classCounts(ds)).toEqual([1, 0, 0, 1, 0, 0, 0, 2, 0, 1]);
    let mismatches = 0;
    for (let k = 0; k < 5; k++) {
      const src = k < 3 ? a : b;
      for (let y = 0; y < 32; y++)
        for (let x = 0; x < 32; x++)
          for (let c = 0; c < 3; c++) if (ds.pixels[((k * 32 + y) * 32 + x) * 3 + c] !== src.image(k < 3 ? k : k - 3, y, x, c)) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(checkUserDataset(ds)).toBe(ds);
  });

  it('refuses a truncated file, saying its size is not a multiple of 3073', () => {
    const { bytes } = synthBatch([1, 2], 3);
    expect(() => parseCifarBatches([{ name: 'data_batch_2.bin', bytes: bytes.subarray(0, 3073 + 100) }])).toThrow(
      /data_batch_2\.bin: 3173 bytes is not a multiple of 3073/,
    );
    expect(() => parseCifarBatches([{ name: 'empty.bin', bytes: new Uint8Array(0) }])).toThrow(/empty\.bin: 0 bytes/);
    expect(() => parseCifarBatches([])).toThrow(/No CIFAR-10 files/);
  });

  it('refuses labels outside 0–9 and more images than CIFAR-10 has', () => {
    const { bytes } = synthBatch([1, 12], 4);
    expect(() => parseCifarBatches([{ name: 'x.bin', bytes }])).toThrow(/record 1 has label 12/);
    const big = new Uint8Array(3073 * 30_001);
    expect(() => parseCifarBatches([{ name: 'a.bin', bytes: big }, { name: 'b.bin', bytes: big }])).toThrow(/60002 images/);
  });
});

describe('user dataset check', () => {
  it('rejects inconsistent records with a reason', () => {
    const ds = parseCifarBatches([{ name: 'a.bin', bytes: synthBatch([1], 5).bytes }]);
    expect(() => checkUserDataset({ ...ds, key: 'mnist' })).toThrow(/key mnist/);
    expect(() => checkUserDataset({ ...ds, pixels: ds.pixels.subarray(1) })).toThrow(/pixels/);
    expect(() => checkUserDataset({ ...ds, labels: Uint8Array.of(10) })).toThrow(/label 10/);
    expect(() => checkUserDataset({ ...ds, classNames: ['a'] })).toThrow(/classNames/);
    expect(() => checkUserDataset(null)).toThrow(/not an object/);
  });
});
