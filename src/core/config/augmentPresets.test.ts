import { describe, expect, it } from 'vitest';
import { defaultPipeline } from './augmentPresets';
import { METHOD_KEYS } from './methods';
import { defaultConfig, parseExperimentConfig } from './schema';

describe('default augmentation pipelines', () => {
  it('greyscale data keeps the table defaults for every method (MNIST runs unchanged)', () => {
    for (const m of METHOD_KEYS) expect(defaultPipeline(m, 1)).toEqual(defaultConfig(m).aug);
  });

  it('RGB data gets SimCLR’s colour set, BYOL its asymmetric views, and every pipeline validates', () => {
    const simclr = defaultPipeline('simclr', 3);
    expect([simclr.jitterP, simclr.jitterSaturation, simclr.jitterHue, simclr.gray, simclr.grayP, simclr.blurP, simclr.asymmetric]).toEqual([0.8, 0.8, 0.2, true, 0.2, 0.5, false]);
    const byol = defaultPipeline('byol', 3);
    expect([byol.asymmetric, byol.blur, byol.solarize]).toEqual([true, true, true]);
    for (const m of METHOD_KEYS) {
      expect(parseExperimentConfig({ ...defaultConfig(m), dataset: 'shapes', aug: defaultPipeline(m, 3) }).ok).toBe(true);
    }
  });
});
