import { describe, expect, it } from 'vitest';
import { decodeComparison, encodeComparison } from './link';
import { PRESETS, presetSweep } from './presets';
import { PRESET_TIMES } from './presetTimes';

describe('Experiments to try', () => {
  it('covers the classroom comparisons the issue lists, each a valid sweep on WASM', () => {
    expect(PRESETS.map((p) => p.key)).toEqual(['byol-collapse', 'simsiam-stopgrad', 'mae-mask-ratio', 'simclr-temperature', 'families', 'swav-multicrop', 'vicreg-variance']);
    const counts = PRESETS.map((p) => presetSweep(p).configs.length);
    expect(counts).toEqual([4, 2, 4, 4, 5, 2, 2]);
    for (const p of PRESETS) {
      const { configs } = presetSweep(p);
      expect(configs.every((c) => c.backend === 'wasm')).toBe(true);
      expect(decodeComparison(encodeComparison(configs))).toEqual({ base: configs[0], configs, notices: [] });
    }
    const families = presetSweep(PRESETS[4]).configs;
    expect(families.map((c) => c.method)).toEqual(['rotation', 'simclr', 'byol', 'swav', 'mae']);
    expect(new Set(families.map((c) => `${c.steps}/${c.batch}/${c.n}/${c.width}`)).size).toBe(1);
  });

  it('every preset has its measured wall time, within the 5-minute budget', () => {
    for (const p of PRESETS) {
      const t = PRESET_TIMES[p.key];
      expect(t, p.key).toBeDefined();
      expect(t.seconds).toBeLessThanOrEqual(300);
    }
  });
});
