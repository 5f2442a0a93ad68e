import { describe, expect, it } from 'vitest';
import { GLOBAL_KNOBS } from './globalKnobs';
import { defaultConfig, parseExperimentConfig, withDatasetRange } from './schema';
import { decodeConfig, encodeConfig } from './url';
import { GLOBALS_BEFORE_V3 } from './versions';

/** A SimCLR link exactly as the app wrote it before Fashion-MNIST and Shapes existed (format v1). */
const MNIST_LINK_V1 =
  'method=simclr&dataset=mnist&backend=auto&seed=1&steps=500&batch=64&lr=0.001&n=5000&width=16&probeTrain=1000&probeTest=1000&metricsEvery=10&probeEvery=100&temperature=0.5&projHidden=128&projDim=64&crop=1&cropMin=0.3&cropMax=1&flip=0&flipP=0.5&jitter=1&jitterStrength=0.4&blur=0&blurSigma=1&noise=0&noiseStd=0.1';

const knob = (name: string) => GLOBAL_KNOBS.find((k): k is Extract<(typeof GLOBAL_KNOBS)[number], { kind: 'int' }> => k.name === name && k.kind === 'int')!;

describe('datasets in the config', () => {
  it('an old MNIST link still decodes to the same experiment, with nothing ignored', () => {
    const { config, ignored } = decodeConfig(MNIST_LINK_V1);
    expect(ignored).toEqual([]);
    expect(config.dataset).toBe('mnist');
    // Today's SimCLR with the encoder and optimiser of v1 (no BatchNorm, Adam) and the width and lr the link names: what it ran.
    expect(config).toEqual({ ...defaultConfig('simclr'), ...GLOBALS_BEFORE_V3, width: 16, lr: 0.001 });
  });

  it('round-trips fashion-mnist through the URL and the validator, with its larger subsets', () => {
    const cfg = { ...defaultConfig('simclr'), dataset: 'fashion-mnist' as const, n: 55_000, probeTrain: 10_000, probeTest: 5000 };
    const { config, ignored } = decodeConfig(encodeConfig(cfg));
    expect(ignored).toEqual([]);
    expect(config).toEqual(cfg);
    expect(parseExperimentConfig(cfg).ok).toBe(true);
    // The same sizes do not fit MNIST's 10,000 images: the validator says so, the decoder repairs n.
    const mnist = parseExperimentConfig({ ...cfg, dataset: 'mnist' });
    expect(mnist.ok).toBe(false);
    const repaired = decodeConfig(encodeConfig(cfg).replace('dataset=fashion-mnist', 'dataset=mnist'));
    expect(repaired.config.n + repaired.config.probeTrain + repaired.config.probeTest).toBeLessThanOrEqual(10_000);
    expect(repaired.ignored.join()).toMatch(/exceeds the 10000 images of mnist/);
  });

  it('narrows the subset-size ranges to what each dataset leaves', () => {
    const mnist = defaultConfig('simclr');
    expect(withDatasetRange(knob('n'), mnist).max).toBe(8000);
    expect(withDatasetRange(knob('probeTrain'), mnist).max).toBe(4000);
    const fashion = { ...mnist, dataset: 'fashion-mnist' as const };
    // The knob's own cap (60,000) still applies below the 68,000 Fashion-MNIST would leave.
    expect(withDatasetRange(knob('n'), fashion).max).toBe(60_000);
    expect(withDatasetRange(knob('probeTest'), fashion).max).toBe(20_000);
    expect(withDatasetRange(knob('steps'), fashion)).toBe(knob('steps'));
  });
});

describe('subset sizes for a user dataset', () => {
  it('keeps sizes that fit, shrinks ones that do not, refuses a dataset below the minimum', async () => {
    const { fitSubsetSizes, MIN_DATASET_IMAGES } = await import('./subsets');
    const cfg = defaultConfig('simclr');
    expect(fitSubsetSizes(cfg, 10_000)).toBe(cfg);
    const small = fitSubsetSizes(cfg, 300)!;
    expect([small.n, small.probeTrain, small.probeTest, small.batch]).toEqual([180, 60, 60, 64]);
    const tiny = fitSubsetSizes({ ...cfg, batch: 64 }, 60)!;
    expect([tiny.n, tiny.probeTrain, tiny.probeTest, tiny.batch]).toEqual([20, 20, 20, 20]);
    expect(parseExperimentConfig({ ...tiny, dataset: 'cifar10' }).ok).toBe(true);
    expect(MIN_DATASET_IMAGES).toBe(56);
    expect(fitSubsetSizes(cfg, 55)).toBeNull();
  });

  it('accepts cifar10 and own-<16 hex> keys in links and configs, nothing else', () => {
    expect(decodeConfig('dataset=cifar10').config.dataset).toBe('cifar10');
    expect(decodeConfig('dataset=own-0123456789abcdef').config.dataset).toBe('own-0123456789abcdef');
    const bad = decodeConfig('dataset=own-<script>');
    expect(bad.config.dataset).toBe('mnist');
    expect(bad.ignored[0]).toMatch(/dataset=own-<script> is not a known dataset/);
    expect(parseExperimentConfig({ ...defaultConfig('simclr'), dataset: 'own-XYZ' }).ok).toBe(false);
  });
});
