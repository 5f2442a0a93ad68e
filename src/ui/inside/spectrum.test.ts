import { describe, expect, it } from 'vitest';
import { spectrumPoints, spectrumScale } from './spectrum';

describe('spectrum plot geometry', () => {
  it('puts the largest σ near the top, each decade at an equal step, and zeros on the floor', () => {
    const sigma = Float32Array.from([100, 10, 1, 0]);
    const scale = spectrumScale([sigma]);
    expect(scale).toEqual({ hi: 2, lo: -4, count: 4 });
    const pts = spectrumPoints(sigma, scale, 300, 60).split(' ').map((p) => p.split(',').map(Number));
    expect(pts).toEqual([[0, 0], [100, 10], [200, 20], [300, 60]]);
  });
});
