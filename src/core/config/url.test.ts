import { describe, expect, it } from 'vitest';
import { AUGMENT_KNOBS, GLOBAL_KNOBS } from './globalKnobs';
import { METHOD_KEYS, METHOD_SPECS } from './methods';
import { defaultConfig, parseExperimentConfig, type ExperimentConfig } from './schema';
import { decodeConfig, encodeConfig } from './url';
import { FORMAT_VERSION } from './versions';

describe('URL codec', () => {
  it('round-trips the default config of every method', () => {
    for (const method of METHOD_KEYS) {
      const cfg = defaultConfig(method);
      const { config, ignored } = decodeConfig(encodeConfig(cfg));
      expect(ignored).toEqual([]);
      expect(config).toEqual(cfg);
    }
  });

  it('reads a URL without a query as the defaults, with nothing ignored', () => {
    for (const bare of ['http://127.0.0.1:5173/', 'https://example.org/ssl/index.html', '/', '/playground/', '']) {
      const { config, ignored } = decodeConfig(bare);
      expect(ignored).toEqual([]);
      expect(config).toEqual(defaultConfig('simclr'));
    }
    // A share URL and its bare query string still read the same.
    expect(decodeConfig('http://127.0.0.1:5173/?method=byol&steps=7').config).toEqual(decodeConfig('method=byol&steps=7').config);
    expect(decodeConfig('method=byol&steps=7').config.steps).toBe(7);
  });

  it('round-trips a config with every field changed', () => {
    const cfg: ExperimentConfig = {
      ...defaultConfig('simclr'),
      backend: 'wasm',
      seed: 12345,
      steps: 77,
      batch: 32,
      lr: 0.0003,
      n: 2000,
      width: 8,
      depth: 4,
      batchNorm: false,
      optimizer: 'lars',
      weightDecay: 1e-6,
      warmup: 10,
      schedule: 'cosine',
      probeTrain: 500,
      probeTest: 400,
      metricsEvery: 5,
      probeEvery: 0,
      aug: {
        ...defaultConfig('simclr').aug,
        crop: false, cropMin: 0.2, cropMax: 0.9, flip: true, flipP: 0.25, jitter: false, jitterStrength: 0.7, blur: true, blurSigma: 2.5, noise: true, noiseStd: 0.2,
        cropRatioMin: 0.5, cropRatioMax: 2, jitterP: 0.8, jitterSaturation: 0.8, jitterHue: 0.2, gray: true, grayP: 0.3, blurP: 0.4, blurSigmaMin: 0.2,
        solarize: true, solarizeP: 0.1, cutout: true, cutoutSize: 0.3, cutoutP: 0.6, asymmetric: true,
      },
      finetuneSteps: 50,
      finetuneLr: 0.01,
      evalDataset: 'fashion-mnist',
      params: { temperature: 0.07, projHidden: 256, projDim: 32, smallCrops: 2, smallSize: 12, smallScaleMin: 0.1, smallScaleMax: 0.3 },
    };
    const query = encodeConfig(cfg);
    const { config, ignored } = decodeConfig(`https://example.org/app/?${query}`);
    expect(ignored).toEqual([]);
    expect(config).toEqual(cfg);
    expect(parseExperimentConfig(config)).toEqual({ ok: true, config: cfg });
  });

  it('uses the DESIGN.md public names', () => {
    const q = new URLSearchParams(encodeConfig(defaultConfig('simclr')));
    for (const name of ['method', 'dataset', 'backend', 'seed', 'steps', 'batch', 'lr', 'n', 'width', 'temperature']) {
      expect(q.has(name)).toBe(true);
    }
    const all = [...GLOBAL_KNOBS, ...AUGMENT_KNOBS, ...METHOD_SPECS.simclr.knobs].map((k) => k.name);
    expect(new Set(all).size).toBe(all.length);
  });

  it('opens malformed input with defaults and names each thing it ignored', () => {
    const { config, ignored } = decodeConfig('?method=simclr&batch=banana&lr=-1&steps=3.5&seed=9&crop=maybe&zzz=1&temperature=0.1');
    const d = defaultConfig('simclr');
    expect(config.batch).toBe(d.batch);
    expect(config.lr).toBe(d.lr);
    expect(config.steps).toBe(d.steps);
    expect(config.aug.crop).toBe(d.aug.crop);
    expect(config.seed).toBe(9);
    expect(config.params.temperature).toBe(0.1);
    expect(ignored).toHaveLength(5);
    expect(ignored.join('\n')).toMatch(/batch=banana is not a plain decimal number/);
    expect(ignored.join('\n')).toMatch(/lr=-1 is outside/);
    expect(ignored.join('\n')).toMatch(/steps=3.5 is not a whole number/);
    expect(ignored.join('\n')).toMatch(/crop=maybe/);
    expect(ignored.join('\n')).toMatch(/unknown parameter "zzz"/);
  });

  it('rejects an unknown method and a knob of another method', () => {
    const r = decodeConfig('method=nope&temperature=0.3');
    expect(r.config.method).toBe('simclr');
    expect(r.ignored[0]).toMatch(/method=nope is not a known method/);
    const r2 = decodeConfig('method=rotation&temperature=0.3');
    expect(r2.config.method).toBe('rotation');
    expect(r2.ignored).toEqual(['unknown parameter "temperature" for method rotation']);
  });

  it('repairs cross-field conflicts and says so', () => {
    const r = decodeConfig('n=9500&batch=64');
    expect(r.config.n).toBe(10_000 - 1000 - 1000);
    expect(r.ignored[0]).toMatch(/exceeds the 10000 images/);
    const r2 = decodeConfig('n=20&batch=64');
    expect(r2.config.batch).toBe(20);
    const r3 = decodeConfig('cropMin=0.9&cropMax=0.5');
    expect(r3.config.aug.cropMin).toBe(0.5);
  });

  it('survives hostile strings without evaluating them', () => {
    const { config, ignored } = decodeConfig('?method=%3Cscript%3E&seed=constructor&__proto__=1&lr=1e400');
    expect(config).toEqual(defaultConfig('simclr'));
    expect(ignored.length).toBe(4);
    expect(Object.prototype.hasOwnProperty.call({}, 'polluted')).toBe(false);
  });

  it('the schema refuses unknown keys and wrong types at the worker boundary', () => {
    const bad = { ...defaultConfig('simclr'), extra: 1 } as unknown;
    expect(parseExperimentConfig(bad).ok).toBe(false);
    const wrongType = { ...defaultConfig('simclr'), batch: '64' } as unknown;
    const r = parseExperimentConfig(wrongType);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join()).toMatch(/batch/);
    const badParam = { ...defaultConfig('simclr'), params: { temperature: 0.5, projHidden: 128, projDim: 64, foo: 1 } };
    expect(parseExperimentConfig(badParam).ok).toBe(false);
  });

  it('a version-1 link (no v, every field it knew) decodes with version 1’s encoder and optimiser', () => {
    // A link as the version-1 app wrote it for BYOL: every global, method and augmentation knob of the day.
    const v1Link =
      'method=byol&dataset=mnist&backend=auto&seed=1&steps=500&batch=64&lr=0.001&n=5000&width=16&probeTrain=1000&probeTest=1000&metricsEvery=10&probeEvery=100' +
      '&tauBase=0.99&predictor=1&ema=1&projHidden=128&projDim=64' +
      '&crop=1&cropMin=0.3&cropMax=1&flip=0&flipP=0.5&jitter=1&jitterStrength=0.4&blur=0&blurSigma=1&noise=0&noiseStd=0.1';
    const { config, ignored } = decodeConfig(v1Link);
    expect(ignored).toEqual([]);
    expect(config).toMatchObject({ batchNorm: false, depth: 3, optimizer: 'adam', weightDecay: 0, warmup: 0, schedule: 'constant', width: 16 });
    // The same link marked v=3, and a hand-written partial query, get today's defaults; v=2 still means no BatchNorm.
    expect(decodeConfig(`${v1Link}&v=3`).config.batchNorm).toBe(true);
    expect(decodeConfig(`${v1Link}&v=2`).config.batchNorm).toBe(false);
    expect(decodeConfig('method=byol&steps=7').config.batchNorm).toBe(true);
    // A preset names every global knob but not the augmentations: today's defaults.
    expect(decodeConfig('method=byol&seed=1&steps=150&batch=32&lr=0.01&n=2000&width=8&probeTrain=500&probeTest=500&metricsEvery=10&probeEvery=50').config.batchNorm).toBe(true);
    // v=1 on a partial link reads version 1 too; a v this app does not know is reported.
    expect(decodeConfig('v=1&method=byol').config.batchNorm).toBe(false);
    const future = decodeConfig('v=99&method=byol');
    expect(future.ignored).toEqual([`v=99: this link comes from a newer version of the app; read as v${FORMAT_VERSION}, parameters it does not know are listed here`]);
    // What the app writes now says its version.
    expect(new URLSearchParams(encodeConfig(defaultConfig('byol'))).get('v')).toBe(String(FORMAT_VERSION));
  });
});
