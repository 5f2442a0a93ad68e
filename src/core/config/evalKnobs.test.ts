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

  it('fine-tuning and evalDataset: off and "same" when absent, in links and records; round-trip when set', () => {
    const { config } = decodeConfig('method=simclr&steps=20');
    expect([config.finetuneSteps, config.finetuneLr, config.evalDataset]).toEqual([0, 0.003, 'same']);
    const { finetuneSteps: _a, finetuneLr: _b, evalDataset: _c, ...old } = defaultConfig('simclr');
    const r = parseExperimentConfig(old);
    expect(r.ok && [r.config.finetuneSteps, r.config.evalDataset]).toEqual([0, 'same']);
    const cfg = { ...defaultConfig('mae'), finetuneSteps: 200, finetuneLr: 0.0003, evalDataset: 'fashion-mnist' as const };
    expect(decodeConfig(encodeConfig(cfg))).toEqual({ config: cfg, ignored: [] });
  });

  it('evalDataset is validated: an unknown dataset, or probe sets larger than the evaluation dataset, fall back to same', () => {
    expect(decodeConfig('evalDataset=imagenet').ignored).toEqual(['evalDataset=imagenet is not one of same, mnist, fashion-mnist, shapes; used same']);
    const big = decodeConfig('dataset=fashion-mnist&n=1000&probeTrain=8000&probeTest=5000&evalDataset=mnist');
    expect(big.config.evalDataset).toBe('same');
    expect(big.ignored).toEqual(['probeTrain + probeTest = 13000 exceeds the 10000 images of mnist, the evaluation dataset; used evalDataset=same']);
    const r = parseExperimentConfig({ ...defaultConfig('simclr'), dataset: 'fashion-mnist', probeTrain: 8000, probeTest: 5000, evalDataset: 'mnist' });
    expect(r.ok).toBe(false);
  });

  it('a bad value is reported and replaced by the default', () => {
    const { config, ignored } = decodeConfig('labelFraction=0.5&probeOn=head');
    expect(ignored).toEqual(['labelFraction=0.5 is not one of 1, 0.1, 0.01; used 1', 'probeOn=head is not one of backbone, projector; used backbone']);
    expect([config.labelFraction, config.probeOn]).toEqual(['1', 'backbone']);
  });
});
