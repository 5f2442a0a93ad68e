import { describe, expect, it } from 'vitest';
import { SPECTRUM_TRAIL, withReading } from './inside';

const reading = (step: number) => ({ step, singularValues: Float32Array.from([3, 2, 1]) });

describe('see-inside readings in the store', () => {
  it('keeps the latest and at most SPECTRUM_TRAIL earlier spectra, oldest first', () => {
    let s = withReading(null, reading(0));
    for (let step = 10; step <= 200; step += 10) s = withReading(s, reading(step));
    expect(s.latest.step).toBe(200);
    expect(s.trail.map((t) => t.step)).toEqual(Array.from({ length: SPECTRUM_TRAIL }, (_, i) => 200 - 10 * (SPECTRUM_TRAIL - i)));
  });

  it('a step-0 reading (a new run or a restart) drops the trail', () => {
    const s = withReading(withReading(withReading(null, reading(0)), reading(10)), reading(0));
    expect(s).toEqual({ latest: reading(0), trail: [] });
  });
});
