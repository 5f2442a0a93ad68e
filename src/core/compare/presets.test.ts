import { describe, expect, it } from 'vitest';
import { decodeComparison, encodeComparison } from './link';
import { PRESETS, presetSweep } from './presets';
import { PRESET_TIMES } from './presetTimes';

describe('Experiments to try', () => {
  it('covers the classroom comparisons the issue lists, each a valid sweep on WASM', () => {
    expect(PRESETS.map((p) => p.key)).toEqual(['byol-collapse', 'simsiam-stopgrad', 'mae-mask-ratio', 'simclr-temperature', 'families', 'swav-multicrop', 'vicreg-variance', 'moco-ablation', 'multicrop-table', 'byol-batchnorm']);
    const counts = PRESETS.map((p) => presetSweep(p).configs.length);
    expect(counts).toEqual([4, 2, 4, 4, 5, 2, 2, 6, 6, 4]);
    for (const p of PRESETS) {
      const { configs } = presetSweep(p);
      expect(configs.every((c) => c.backend === 'wasm')).toBe(true);
      expect(decodeComparison(encodeComparison(configs))).toEqual({ base: configs[0], configs, notices: [] });
    }
    const families = presetSweep(PRESETS[4]).configs;
    expect(families.map((c) => c.method)).toEqual(['rotation', 'simclr', 'byol', 'swav', 'mae']);
    expect(new Set(families.map((c) => `${c.steps}/${c.batch}/${c.n}/${c.width}`)).size).toBe(1);
  });

  it('moco-ablation lists MoCo v2 Table 1 rows, not a cross product: v1, then a–e; its row d is v2 itself', () => {
    const p = PRESETS.find((x) => x.key === 'moco-ablation')!;
    const { axes, configs } = presetSweep(p);
    const rows = configs.map((c) => [c.params.mocoHead, c.params.mocoAug, c.params.mocoSchedule, c.steps]);
    expect(rows).toEqual([
      ['version', 'version', 'version', 150],
      ['mlp', 'version', 'version', 150],
      ['version', 'augplus', 'version', 150],
      ['mlp', 'augplus', 'version', 150],
      ['mlp', 'augplus', 'cosine', 150],
      ['mlp', 'augplus', 'cosine', 300],
    ]);
    expect(configs.every((c) => c.params.mocoVersion === 'v1')).toBe(true);
    expect(axes).toEqual([
      { knob: 'mocoHead', values: ['version', 'mlp'] },
      { knob: 'mocoAug', values: ['version', 'augplus'] },
      { knob: 'mocoSchedule', values: ['version', 'cosine'] },
      { knob: 'steps', values: [150, 300] },
    ]);
    expect(p.replays?.findings).toBe('docs/FINDINGS.md#moco-ablation');
  });

  it('a preset whose listed run does not validate is refused by name', () => {
    expect(() => presetSweep({ key: 'x', title: 'x', watch: '', base: 'method=moco', runs: ['mocoHead:wide'] })).toThrow('preset x, run 1: mocoHead=wide is not');
  });

  it('every preset has its measured wall time, within the 5-minute budget', () => {
    for (const p of PRESETS) {
      const t = PRESET_TIMES[p.key];
      expect(t, p.key).toBeDefined();
      expect(t.seconds).toBeLessThanOrEqual(300);
    }
  });
});
