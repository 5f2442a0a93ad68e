import { describe, expect, it } from 'vitest';
import { SHAPES_FACTORS } from '../config/shapes';
import { drawShape, generateShapes, insideShape } from './shapes';

const S = 32;
const factorIndex = (name: string) => SHAPES_FACTORS.findIndex((f) => f.name === name);

/** Pixels of image i whose channels differ (the background is exactly grey, R = G = B). */
function colouredPixels(pixels: Uint8Array, i: number): { x: number; y: number; rgb: number[] }[] {
  const out: { x: number; y: number; rgb: number[] }[] = [];
  for (let p = 0; p < S * S; p++) {
    const rgb = Array.from(pixels.subarray((i * S * S + p) * 3, (i * S * S + p) * 3 + 3));
    if (Math.max(...rgb) - Math.min(...rgb) > 60) out.push({ x: p % S, y: Math.floor(p / S), rgb });
  }
  return out;
}

/** Hue in turns [0, 1) of an RGB triple. */
function hue([r, g, b]: number[]): number {
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return h / 6;
}

describe('Shapes', () => {
  const ds = generateShapes(600, 3);

  it('is deterministic in the seed, and image i does not depend on how many are drawn', () => {
    const again = generateShapes(600, 3);
    // Buffer.equals: toEqual walks typed arrays element by element, seconds for 1.8 MB.
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(same(again.pixels, ds.pixels)).toBe(true);
    again.factors!.forEach((f, k) => expect(same(f.labels, ds.factors![k].labels)).toBe(true));
    const fewer = generateShapes(50, 3);
    expect(same(fewer.pixels, ds.pixels.subarray(0, 50 * S * S * 3))).toBe(true);
    const other = generateShapes(50, 4);
    expect(same(other.pixels, fewer.pixels)).toBe(false);
    expect([ds.height, ds.width, ds.channels, ds.classes]).toEqual([32, 32, 3, 5]);
  });

  it('labels every factor, each class drawn about equally often', () => {
    expect(ds.factors!.map((f) => f.name)).toEqual(SHAPES_FACTORS.map((f) => f.name));
    expect(ds.labels).toEqual(ds.factors![0].labels);
    for (const f of ds.factors!) {
      const counts = new Array(f.classes).fill(0);
      f.labels.forEach((l) => counts[l]++);
      // 600 draws: each class expects 600/k; a uniform draw stays within ±45% of that here.
      for (const c of counts) expect(Math.abs(c - 600 / f.classes)).toBeLessThan(0.45 * (600 / f.classes));
    }
  });

  it('draws the labelled colour, position and size', () => {
    const colour = ds.factors![factorIndex('colour')].labels;
    const position = ds.factors![factorIndex('position')].labels;
    const size = ds.factors![factorIndex('size')].labels;
    const areaBySize: number[][] = [[], [], []];
    for (let i = 0; i < ds.count; i++) {
      const px = colouredPixels(ds.pixels, i);
      expect(px.length).toBeGreaterThan(10);
      // Hue of the brightest coloured pixel within 1/12 turn of the labelled hue (k/6).
      const best = px.reduce((a, b) => (Math.max(...b.rgb) > Math.max(...a.rgb) ? b : a));
      const dh = Math.abs(hue(best.rgb) - colour[i] / 6);
      expect(Math.min(dh, 1 - dh)).toBeLessThan(1 / 12);
      const mx = px.reduce((s, p) => s + p.x, 0) / px.length;
      const my = px.reduce((s, p) => s + p.y, 0) / px.length;
      expect(mx < S / 2 ? 0 : 1).toBe(position[i] % 2);
      expect(my < S / 2 ? 0 : 1).toBe(position[i] < 2 ? 0 : 1);
      areaBySize[size[i]].push(px.length);
    }
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const [small, medium, large] = areaBySize.map(mean);
    expect(medium).toBeGreaterThan(1.5 * small);
    expect(large).toBeGreaterThan(1.3 * medium);
  });

  it('draws the labelled shape and rotation', () => {
    // Outlines: the square's corner region is in, the cross's is out; the star has notches.
    expect(insideShape(0, 0.75, 0.75)).toBe(true);
    expect(insideShape(3, 0.75, 0.75)).toBe(false);
    expect(insideShape(3, 0.9, 0)).toBe(true);
    expect(insideShape(4, 0, -1.1)).toBe(true);
    expect(insideShape(4, 0, 0.9)).toBe(false);
    expect(insideShape(2, 0.9, 0)).toBe(true);
    expect(insideShape(2, 0, 0.9)).toBe(false);
    // A square at 0° covers the point 0.7 radii right and down of its centre; at 45° (a diamond,
    // |x| + |y| ≤ 0.8·√2) it does not.
    const out = new Uint8Array(S * S * 3);
    let checked = 0;
    for (let i = 0; checked < 8; i++) {
      const s = drawShape(3, i, S, out, 0);
      const [kind, , size, , rotation] = s.factors;
      if (kind !== 0 || size !== 2 || (rotation !== 0 && rotation !== 3)) continue;
      const r = 0.29 * S;
      const x = Math.floor(s.cx + 0.7 * r);
      const y = Math.floor(s.cy + 0.7 * r);
      if (x >= S || y >= S) continue;
      const o = (y * S + x) * 3;
      const coloured = Math.max(out[o], out[o + 1], out[o + 2]) - Math.min(out[o], out[o + 1], out[o + 2]) > 60;
      expect(coloured).toBe(rotation === 0);
      checked++;
    }
  });

  it('draws the labelled background texture', () => {
    const background = ds.factors![factorIndex('background')].labels;
    // Variance of the grey pixels: flat is uniform (0), noise is the busiest.
    const greyVariance = (i: number) => {
      const v: number[] = [];
      for (let p = 0; p < S * S; p++) {
        const o = (i * S * S + p) * 3;
        if (ds.pixels[o] === ds.pixels[o + 1] && ds.pixels[o] === ds.pixels[o + 2]) v.push(ds.pixels[o]);
      }
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      return v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length;
    };
    for (let i = 0; i < 100; i++) {
      const variance = greyVariance(i);
      if (background[i] === 0) expect(variance).toBe(0);
      else expect(variance).toBeGreaterThan(100);
    }
  });
});
