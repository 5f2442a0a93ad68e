import { describe, expect, it } from 'vitest';
import { fitPoints, place, pointAt, rmsSpread } from './mapGeometry';

describe('map geometry', () => {
  it('PCA maps keep the unit disc fixed, so a shrinking cloud shrinks on screen', () => {
    const tight = Float32Array.from([0.01, 0, -0.01, 0]);
    const fit = fitPoints(tight, 220, 10, true);
    expect(place(tight, 0, fit)[0] - place(tight, 1, fit)[0]).toBeCloseTo(2, 6); // 0.02 of a 2-wide box of 200 px
    expect(place(Float32Array.from([1, 1]), 0, fit)).toEqual([210, 10]);
  });

  it('UMAP maps fit the points, with equal scales on both axes', () => {
    const pts = Float32Array.from([0, 0, 4, 2]);
    const fit = fitPoints(pts, 100, 0);
    expect(place(pts, 0, fit)).toEqual([0, 75]);
    expect(place(pts, 1, fit)).toEqual([100, 25]);
    expect(pointAt(pts, fit, 98, 27, 5)).toBe(1);
    expect(pointAt(pts, fit, 50, 50, 5)).toBe(-1);
  });

  it('rmsSpread: 0 for one point, the radius for points on a circle', () => {
    expect(rmsSpread(Float32Array.from([0.3, 0.3, 0.3, 0.3]))).toBe(0);
    expect(rmsSpread(Float32Array.from([1, 0, -1, 0, 0, 1, 0, -1]))).toBeCloseTo(1, 6);
  });
});
