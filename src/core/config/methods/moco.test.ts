import { describe, expect, it } from 'vitest';
import { defaultConfig, parseExperimentConfig } from '../schema';
import { decodeConfig } from '../url';
import { mocoRecipe } from './moco';

const recipe = (query: string) => {
  const { config, ignored } = decodeConfig(`method=moco&${query}`);
  expect(ignored).toEqual([]);
  return mocoRecipe(config.params as Parameters<typeof mocoRecipe>[0]);
};

describe('MoCo ablation knobs (v2 Table 1, row by row)', () => {
  it('mocoVersion is a preset of head, augmentation and schedule: old links mean what they meant', () => {
    expect(recipe('mocoVersion=v1')).toEqual({ head: 'linear', blur: false, schedule: 'steps' });
    expect(recipe('mocoVersion=v2')).toEqual({ head: 'mlp', blur: true, schedule: 'cosine' });
    // Row d (MLP, aug+, cosine) from v1 is v2.
    expect(recipe('mocoVersion=v1&mocoHead=mlp&mocoAug=augplus&mocoSchedule=cosine')).toEqual(recipe('mocoVersion=v2'));
  });

  it('each knob changes its own part only, whatever the version', () => {
    expect(recipe('mocoVersion=v1&mocoHead=mlp')).toEqual({ head: 'mlp', blur: false, schedule: 'steps' });
    expect(recipe('mocoVersion=v1&mocoAug=augplus')).toEqual({ head: 'linear', blur: true, schedule: 'steps' });
    expect(recipe('mocoVersion=v2&mocoSchedule=steps')).toEqual({ head: 'mlp', blur: true, schedule: 'steps' });
    expect(recipe('mocoVersion=v2&mocoAug=v1&mocoHead=linear')).toEqual({ head: 'linear', blur: false, schedule: 'cosine' });
  });

  it('a stored MoCo run from before the knobs validates and keeps its version’s recipe', () => {
    const cfg = defaultConfig('moco');
    const { mocoHead: _h, mocoAug: _a, mocoSchedule: _s, ...oldParams } = cfg.params;
    const r = parseExperimentConfig({ ...cfg, params: { ...oldParams, mocoVersion: 'v1' } });
    expect(r.ok && mocoRecipe(r.config.params as Parameters<typeof mocoRecipe>[0])).toEqual({ head: 'linear', blur: false, schedule: 'steps' });
    expect(decodeConfig('method=moco&mocoAug=aug').ignored).toEqual(['mocoAug=aug is not one of version, v1, augplus; used version']);
  });
});
