import { describe, expect, it } from 'vitest';
import { decodePageLink } from '../compare/pageLink';
import { GLOBAL_KNOBS } from './globalKnobs';
import { METHOD_KEYS } from './methods';
import { defaultConfig } from './schema';
import { decodeConfig, encodeConfig, MAX_LINK_CHARS, MAX_LINK_PARAMS } from './url';
import { formatKnobValue } from './knobs';

/** The hostile links of issue 8: each was taken silently or printed whole. */

describe('link limits', () => {
  it('a 100k-character value is named, cut to 40 characters, never printed whole', () => {
    const { ignored } = decodeConfig(`method=${'x'.repeat(100_000)}`);
    expect(ignored).toEqual([`method=${'x'.repeat(40)}… (100000 characters) is not a known method (${METHOD_KEYS.join(', ')})`]);
    const asKnob = decodeConfig(`steps=${'9'.repeat(10_000)}`).ignored;
    expect(asKnob).toHaveLength(1);
    expect(asKnob[0].length).toBeLessThan(200);
  });

  it('a link past MAX_LINK_CHARS is not read at all, and says so', () => {
    const r = decodePageLink(`?steps=7&pad=${'a'.repeat(MAX_LINK_CHARS)}`);
    expect(r.notices).toEqual([`the link is ${MAX_LINK_CHARS + 12} characters long; links up to ${MAX_LINK_CHARS} are read, so none of it was used`]);
    expect(r.base).toEqual(defaultConfig('simclr'));
  });

  it('3,000 unknown parameters: the first 200 read, 12 notices and "and N more"', () => {
    const link = Array.from({ length: 3000 }, (_, i) => `p${i}=1`).join('&');
    const { ignored } = decodeConfig(link);
    expect(ignored).toHaveLength(13);
    expect(ignored[0]).toBe(`the link holds 3000 parameters; only the first ${MAX_LINK_PARAMS} were read`);
    expect(ignored[1]).toBe('unknown parameter "p0" for method simclr');
    // 1 + 200 notices in all: 12 shown, 189 counted.
    expect(ignored[12]).toBe('…and 189 more');
    expect(decodePageLink(`?${link}`).notices).toHaveLength(13);
  });

  it('numbers must be plain decimals: hex, exponents, padding and blanks are refused and named', () => {
    for (const [raw, name] of [['0x20', 'steps'], ['1e1', 'batch'], ['%20500%20', 'n'], ['', 'steps'], ['007', 'steps'], ['%2B5', 'steps'], ['1.', 'lr'], ['.5', 'lr'], ['Infinity', 'steps']] as const) {
      const { config, ignored } = decodeConfig(`${name}=${raw}`);
      const knob = GLOBAL_KNOBS.find((k) => k.name === name)!;
      // The value used is the method's default (SimCLR's lr is 0.003, the knob's own default 0.001), and the notice names it.
      const used = defaultConfig('simclr')[name];
      expect(config[name]).toBe(used);
      expect(ignored).toEqual([`${name}=${decodeURIComponent(raw)} is not a plain decimal number (digits, one optional point, no spaces, exponents or hex); used ${formatKnobValue(knob, used)}`]);
    }
    expect(decodeConfig('lr=0.0005&steps=20').ignored).toEqual([]);
  });

  it('image counts are checked against the chosen dataset, not the largest one', () => {
    expect(decodeConfig('n=99999').ignored).toEqual(['n=99999 is outside [16, 10000] (mnist has 10000 images); used 5000']);
    expect(decodeConfig('n=1e308').ignored[0]).toMatch(/^n=1e308 is not a plain decimal number/);
  });

  it('every value the repair changes is named', () => {
    const { config, ignored } = decodeConfig('n=9999&probeTrain=9999&probeTest=9999');
    expect(config).toMatchObject({ n: 8000, probeTrain: 1000, probeTest: 1000 });
    expect(ignored).toEqual(['n + probeTrain + probeTest = 29997 exceeds the 10000 images of mnist; used probeTrain=1000, probeTest=1000, n=8000']);
  });

  it('encode never writes what decode refuses, even for a learning rate below 1e-6', () => {
    const cfg = { ...defaultConfig('simclr'), lr: 1e-6 };
    expect(decodeConfig(encodeConfig(cfg))).toEqual({ config: cfg, ignored: [] });
    const lrKnob = GLOBAL_KNOBS.find((k) => k.name === 'lr')!;
    expect(formatKnobValue(lrKnob, 5e-7)).toBe('0.0000005');
  });
});
