import { describe, expect, it } from 'vitest';
import { SPECTRUM_TRAIL, withReading } from './inside';

const space = { dim: 1, features: new Float32Array(2), pca: new Float32Array(4), neighbours: new Int32Array(2) };
const reading = (step: number) => ({ step, singularValues: Float32Array.from([3, 2, 1]), live: {}, spaces: { embedding: space, backbone: space } });

describe('see-inside readings in the store', () => {
  it('keeps the latest and at most SPECTRUM_TRAIL earlier spectra, oldest first', () => {
    let s = withReading(null, reading(0));
    for (let step = 10; step <= 200; step += 10) s = withReading(s, reading(step));
    expect(s.latest.step).toBe(200);
    expect(s.trail.map((t) => t.step)).toEqual(Array.from({ length: SPECTRUM_TRAIL }, (_, i) => 200 - 10 * (SPECTRUM_TRAIL - i)));
  });

  it('a step-0 reading (a new run or a restart) drops the trail', () => {
    const first = { ...withReading(withReading(null, reading(0)), reading(10)), space: 'backbone' as const, queries: [3, 1] };
    const s = withReading(first, reading(0));
    expect(s.trail).toEqual([]);
    expect(s.latest.step).toBe(0);
    // The chosen queries belong to the old run's images; the space is a preference and stays.
    expect([s.queries, s.space]).toEqual([null, 'backbone']);
  });
});
