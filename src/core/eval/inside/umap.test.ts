import { describe, expect, it } from 'vitest';
import { gaussian } from '../../losses/testing';
import { umap2 } from './umap';

describe('umap2', () => {
  it('keeps two well-separated clusters apart and is fixed by the seed', () => {
    // 30 points around +10·e1 and 30 around −10·e1 in 8-D, noise std 1.
    const noise = gaussian(60, 8, 301);
    const x = Float32Array.from(noise.flatMap((r, i) => r.map((v, j) => v + (j === 0 ? (i < 30 ? 10 : -10) : 0))));
    const y = umap2(x, 60, 8, 1);
    expect(y).toHaveLength(120);
    const centre = (from: number) => [0, 1].map((c) => Array.from({ length: 30 }, (_, i) => y[(from + i) * 2 + c]).reduce((s, v) => s + v, 0) / 30);
    const [a, b] = [centre(0), centre(30)];
    const spread = Math.max(...Array.from({ length: 30 }, (_, i) => Math.hypot(y[i * 2] - a[0], y[i * 2 + 1] - a[1])));
    // Every point of cluster A lies closer to A's centre than the distance between the two centres.
    expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThan(spread);
    expect(umap2(x, 60, 8, 1)).toEqual(y);
  });
});
