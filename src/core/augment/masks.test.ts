import { describe, expect, it } from 'vitest';
import { firstMasks, gridKeptCount, hiddenCount, samplePatchMasks, type PatchMasks } from './masks';

/** Checks that hidden and visible describe the same masks: visible ascending, disjoint, complete. */
function expectConsistent(m: PatchMasks): void {
  const tokens = m.rows * m.cols;
  for (let b = 0; b < m.batch; b++) {
    const vis = Array.from(m.visible.subarray(b * m.visibleCount, (b + 1) * m.visibleCount));
    const fromHidden = Array.from({ length: tokens }, (_, j) => j).filter((j) => m.hidden[b * tokens + j] === 0);
    expect(vis).toEqual(fromHidden);
  }
}

function hiddenPerSample(m: PatchMasks): number[] {
  const tokens = m.rows * m.cols;
  return Array.from({ length: m.batch }, (_, b) => m.hidden.subarray(b * tokens, (b + 1) * tokens).reduce((s, v) => s + v, 0));
}

/** Mean share of a hidden patch's 4-neighbours (inside the grid) that are hidden too. */
function hiddenNeighbourShare(m: PatchMasks): number {
  const tokens = m.rows * m.cols;
  let share = 0;
  let count = 0;
  for (let b = 0; b < m.batch; b++) {
    const h = (r: number, c: number) => m.hidden[b * tokens + r * m.cols + c];
    for (let r = 0; r < m.rows; r++) {
      for (let c = 0; c < m.cols; c++) {
        if (!h(r, c)) continue;
        const n = [[r - 1, c], [r + 1, c], [r, c - 1], [r, c + 1]].filter(([y, x]) => y >= 0 && y < m.rows && x >= 0 && x < m.cols);
        share += n.filter(([y, x]) => h(y, x)).length / n.length;
        count++;
      }
    }
  }
  return share / count;
}

describe('patch masks', () => {
  it('random masks hide exactly round(ratio·L) patches in every sample', () => {
    for (const [rows, cols] of [[7, 7], [4, 4], [14, 14], [3, 5]]) {
      for (const ratio of [0.1, 0.25, 0.5, 0.75, 0.9]) {
        const m = samplePatchMasks('random', 16, rows, cols, ratio, 42);
        const expected = Math.round(ratio * rows * cols);
        expect(hiddenPerSample(m)).toEqual(Array(16).fill(expected));
        expect(m.visibleCount).toBe(rows * cols - expected);
        expectConsistent(m);
      }
    }
  });

  it('never hides every patch, and ratio 0 hides none', () => {
    expect(hiddenCount(49, 1)).toBe(48);
    expect(hiddenCount(16, 0.99)).toBe(15);
    expect(hiddenCount(49, 0)).toBe(0);
    expect(hiddenCount(49, 0.75)).toBe(37);
  });

  it('is deterministic in the seed, different across seeds and across samples', () => {
    for (const type of ['random', 'block', 'grid'] as const) {
      const a = samplePatchMasks(type, 8, 8, 8, 0.6, 7);
      const b = samplePatchMasks(type, 8, 8, 8, 0.6, 7);
      const c = samplePatchMasks(type, 8, 8, 8, 0.6, 8);
      expect(Array.from(a.hidden)).toEqual(Array.from(b.hidden));
      expect(Array.from(a.hidden)).not.toEqual(Array.from(c.hidden));
      const first = Array.from(a.hidden.subarray(0, 64)).join();
      const others = Array.from({ length: 7 }, (_, i) => Array.from(a.hidden.subarray((i + 1) * 64, (i + 2) * 64)).join());
      expect(others.some((o) => o !== first)).toBe(true);
    }
  });

  it('block masks hide exactly the same count, in contiguous rectangles (BEiT)', () => {
    for (const [rows, cols, ratio] of [[14, 14, 0.4], [7, 7, 0.75], [7, 7, 0.25], [4, 4, 0.9], [2, 2, 0.5]] as const) {
      const m = samplePatchMasks('block', 32, rows, cols, ratio, 3);
      expect(hiddenPerSample(m)).toEqual(Array(32).fill(hiddenCount(rows * cols, ratio)));
      expectConsistent(m);
    }
    // Hidden patches of random masks have about `ratio` of their neighbours hidden; blocks far more.
    const block = hiddenNeighbourShare(samplePatchMasks('block', 64, 14, 14, 0.4, 5));
    const random = hiddenNeighbourShare(samplePatchMasks('random', 64, 14, 14, 0.4, 5));
    expect(random).toBeGreaterThan(0.3);
    expect(random).toBeLessThan(0.5);
    expect(block).toBeGreaterThan(0.7);
  });

  it('grid masks keep one patch of every 2×2 cell, at a per-sample phase on even axes', () => {
    const even = samplePatchMasks('grid', 32, 8, 8, 0.1, 11);
    expect(gridKeptCount(8, 8)).toBe(16);
    expect(even.visibleCount).toBe(16);
    expectConsistent(even);
    const phases = new Set<string>();
    for (let b = 0; b < even.batch; b++) {
      const vis = Array.from(even.visible.subarray(b * 16, (b + 1) * 16));
      const rows = new Set(vis.map((j) => Math.floor(j / 8) % 2));
      const cols = new Set(vis.map((j) => (j % 8) % 2));
      // One row parity and one column parity: a regular grid with stride 2.
      expect(rows.size).toBe(1);
      expect(cols.size).toBe(1);
      // Each 2×2 cell holds exactly one visible patch.
      const cells = new Set(vis.map((j) => `${Math.floor(Math.floor(j / 8) / 2)},${Math.floor((j % 8) / 2)}`));
      expect(cells.size).toBe(16);
      phases.add(`${[...rows][0]}${[...cols][0]}`);
    }
    expect(phases.size).toBe(4);
    // 7×7: only the even phase keeps ⌈7/2⌉² = 16 patches, so every sample has it (ratio ignored).
    const odd = samplePatchMasks('grid', 4, 7, 7, 0.9, 1);
    expect(odd.visibleCount).toBe(16);
    for (let b = 0; b < 4; b++) {
      expect(Array.from(odd.visible.subarray(b * 16, (b + 1) * 16))).toEqual([0, 2, 4, 6, 14, 16, 18, 20, 28, 30, 32, 34, 42, 44, 46, 48]);
    }
  });

  it('firstMasks keeps the first samples unchanged', () => {
    const m = samplePatchMasks('random', 10, 7, 7, 0.75, 9);
    const f = firstMasks(m, 3);
    expect(f.batch).toBe(3);
    expect(Array.from(f.hidden)).toEqual(Array.from(m.hidden.subarray(0, 3 * 49)));
    expect(Array.from(f.visible)).toEqual(Array.from(m.visible.subarray(0, 3 * m.visibleCount)));
  });
});
