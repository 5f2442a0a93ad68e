import { describe, expect, it } from 'vitest';
import { defaultConfig, parseExperimentConfig } from './schema';
import { decodeConfig, encodeConfig } from './url';

describe('evaluation knobs in links and records', () => {
  it('round-trip through the URL', () => {
    const cfg = { ...defaultConfig('byol'), labelFraction: '0.01' as const, probeOn: 'projector' as const };
    const { config, ignored } = decodeConfig(encodeConfig(cfg));
    expect(ignored).toEqual([]);
    expect(config).toEqual(cfg);
  });

  it('a link from before the knobs means what it meant then: all probe-train labels, backbone features', () => {
    const { config, ignored } = decodeConfig('method=simclr&steps=20&probeTrain=500');
    expect(ignored).toEqual([]);
    expect([config.labelFraction, config.probeOn]).toEqual(['1', 'backbone']);
  });

  it('a stored record from before the knobs still validates, with the values it meant', () => {
    const { labelFraction: _lf, probeOn: _po, ...old } = defaultConfig('simclr');
    const r = parseExperimentConfig(old);
    expect(r.ok && [r.config.labelFraction, r.config.probeOn]).toEqual(['1', 'backbone']);
  });

  it('a bad value is reported and replaced by the default', () => {
    const { config, ignored } = decodeConfig('labelFraction=0.5&probeOn=head');
    expect(ignored).toEqual(['labelFraction=0.5 is not one of 1, 0.1, 0.01; used 1', 'probeOn=head is not one of backbone, projector; used backbone']);
    expect([config.labelFraction, config.probeOn]).toEqual(['1', 'backbone']);
  });
});
