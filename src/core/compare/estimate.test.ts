import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/schema';
import { estimateSeconds } from './estimate';

describe('sweep time estimate', () => {
  it('scales the measured images per second to each run’s steps and batch', () => {
    const a = { ...defaultConfig('simclr'), steps: 100, batch: 32 };
    const b = { ...a, batch: 64 };
    // 4 steps/s at batch 32 = 128 images/s: 100·32/128 = 25 s, 100·64/128 = 50 s.
    expect(estimateSeconds([a, b], { stepsPerSecond: 4, batch: 32 })).toBeCloseTo(75, 12);
    expect(estimateSeconds([a], null)).toBeNull();
    expect(estimateSeconds([a], { stepsPerSecond: 0, batch: 32 })).toBeNull();
  });
});
