import { describe, expect, it } from 'vitest';
import { AUGMENT_KNOBS } from '../../core/config/globalKnobs';
import { augmentGroups } from './augmentGroups';

describe('augmentGroups', () => {
  it('pairs every toggle with its strengths and places every knob exactly once', () => {
    const groups = augmentGroups();
    expect(groups.map((g) => [g.toggle?.name, g.strengths.map((k) => k.name)])).toEqual([
      ['crop', ['cropMin', 'cropMax', 'cropRatioMin', 'cropRatioMax']],
      ['flip', ['flipP']],
      ['jitter', ['jitterStrength', 'jitterP', 'jitterSaturation', 'jitterHue']],
      ['blur', ['blurSigma', 'blurSigmaMin', 'blurP']],
      ['noise', ['noiseStd']],
      ['gray', ['grayP']],
      ['solarize', ['solarizeP']],
      ['cutout', ['cutoutSize', 'cutoutP']],
      ['asymmetric', []],
    ]);
    const placed = groups.flatMap((g) => [g.toggle, ...g.strengths].filter(Boolean).map((k) => k!.name));
    expect(placed.sort()).toEqual(AUGMENT_KNOBS.map((k) => k.name).sort());
  });

  it('still renders a knob it has no pairing for', () => {
    const extra = { name: 'sharpen', label: 'Sharpen', kind: 'number', default: 0, min: 0, max: 1, help: '' } as const;
    const groups = augmentGroups([...AUGMENT_KNOBS, extra]);
    expect(groups.at(-1)).toEqual({ toggle: null, strengths: [extra] });
  });
});
