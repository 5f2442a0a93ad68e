import { afterEach, describe, expect, it } from 'vitest';
import { AUG_V1_VALUES, AUGMENT_KNOBS } from './globalKnobs';
import { DEFAULTS_BEFORE_V4, DEFAULTS_BEFORE_V5, DEFAULTS_BEFORE_V6, DEFAULTS_BEFORE_V7, DEFAULTS_BEFORE_V8, FORMAT_VERSION, GLOBALS_BEFORE_V3 } from './versions';
import { defaultConfig, parseExperimentConfig } from './schema';
import { decodeConfig, encodeConfig } from './url';

/** The default SimCLR experiment as a v1 link wrote it (no `v`, the eleven v1 augmentation knobs). */
const V1_LINK =
  'method=simclr&dataset=mnist&backend=auto&seed=1&steps=500&batch=64&lr=0.001&n=5000&width=16&probeTrain=1000&probeTest=1000&metricsEvery=10&probeEvery=100&temperature=0.5&projHidden=128&projDim=64&crop=1&cropMin=0.3&cropMax=1&flip=0&flipP=0.5&jitter=1&jitterStrength=0.4&blur=0&blurSigma=1&noise=0&noiseStd=0.1';

const jitterP = AUGMENT_KNOBS.find((k) => k.name === 'jitterP')! as { default: number };
const original = jitterP.default;
afterEach(() => {
  jitterP.default = original;
});

describe('format versions', () => {
  it('links carry v, and a current link round-trips every knob', () => {
    const q = encodeConfig(defaultConfig('byol'));
    expect(q.startsWith(`v=${FORMAT_VERSION}&`)).toBe(true);
    expect(decodeConfig(q)).toEqual({ config: defaultConfig('byol'), ignored: [] });
  });

  it('a v1 link reads the knobs it lacks as v1 values, even when a default has changed since', () => {
    // Suppose a later version makes colour jitter apply with SimCLR's p = 0.8 by default.
    jitterP.default = 0.8;
    const v1 = decodeConfig(V1_LINK);
    expect(v1.ignored).toEqual([]);
    expect(v1.config.aug.jitterP).toBe(1);
    expect(v1.config.aug).toMatchObject(AUG_V1_VALUES);
    // A v2 or v3 link that omits the knob gets the current default.
    expect(decodeConfig(`v=2&${V1_LINK}`).config.aug.jitterP).toBe(0.8);
    expect(decodeConfig(`v=3&${V1_LINK}`).config.aug.jitterP).toBe(0.8);
  });

  it('v1 and v2 links mean the encoder and optimiser of their day: no BatchNorm, 3 layers, Adam, no decay, warm-up or schedule', () => {
    for (const link of [V1_LINK, `v=2&${V1_LINK}`, 'v=2&method=simclr', 'v=1&method=simclr']) {
      expect(decodeConfig(link).config, link).toMatchObject(GLOBALS_BEFORE_V3);
    }
    // v3 reads them from the link or takes today's defaults (BatchNorm on).
    expect(decodeConfig(`v=3&${V1_LINK}`).config.batchNorm).toBe(true);
    expect(decodeConfig('v=3&method=simclr&batchNorm=0&optimizer=adamw&weightDecay=0.05').config).toMatchObject({ batchNorm: false, optimizer: 'adamw', weightDecay: 0.05 });
    // A hand-edited v2 link that names one of them means what it says; the others keep v2's meaning.
    expect(decodeConfig('v=2&method=simclr&batchNorm=1').config).toMatchObject({ ...GLOBALS_BEFORE_V3, batchNorm: true });
  });

  it('a run stored before v3 (no encoder or optimiser knobs) validates with the v1/v2 values; one that has them keeps them', () => {
    const { batchNorm: _b, depth: _d, optimizer: _o, weightDecay: _w, warmup: _u, schedule: _s, ...v2 } = defaultConfig('simclr');
    const r = parseExperimentConfig(v2);
    expect(r.ok && r.config).toEqual({ ...v2, ...GLOBALS_BEFORE_V3 });
    const current = parseExperimentConfig(defaultConfig('simclr'));
    expect(current.ok && current.config).toEqual(defaultConfig('simclr'));
  });

  it('knobs added without a version (addedKnobs.ts) mean the old behaviour when a link or stored run lacks them', () => {
    // Adam's β2 was fixed at 0.999 before the beta2 knob.
    const { beta2: _b2, ...stored } = defaultConfig('mae');
    const r = parseExperimentConfig(stored);
    expect(r.ok && r.config.beta2).toBe(0.999);
    expect(decodeConfig('v=3&method=mae').config.beta2).toBe(0.999);
    expect(decodeConfig(`v=2&${V1_LINK}`).config.beta2).toBe(0.999);
    const mae = decodeConfig(`v=${FORMAT_VERSION}&method=mae&optimizer=adamw&beta2=0.95`);
    expect(mae).toEqual({ config: { ...defaultConfig('mae'), optimizer: 'adamw', beta2: 0.95 }, ignored: [] });
    expect(encodeConfig(mae.config)).toContain('beta2=0.95');
    // The ViT read the mean of its tokens before the pool knob (no [CLS] token).
    for (const method of ['mae', 'msn'] as const) {
      const { pool: _p, ...params } = defaultConfig(method).params as Record<string, unknown>;
      const old = parseExperimentConfig({ ...defaultConfig(method), params });
      expect(old.ok && old.config.params.pool).toBe('mean');
      expect(decodeConfig(`v=3&method=${method}`).config.params.pool).toBe('mean');
      expect(decodeConfig(`v=3&method=${method}&pool=cls`).config.params.pool).toBe('cls');
    }
  });

  it('a link before v4 that does not name them keeps the width and budgets of its day', () => {
    // v4 made width 32 every method's default; before, it was 16 (SimCLR 32 in v3).
    expect(decodeConfig('v=3&method=byol').config.width).toBe(16);
    expect(decodeConfig('v=3&method=simclr').config.width).toBe(32);
    expect(decodeConfig('v=2&method=simclr').config.width).toBe(16);
    expect(decodeConfig(`v=${FORMAT_VERSION}&method=byol`).config.width).toBe(32);
    // Per-method budgets that moved: MoCo and jigsaw 500 → 1,000 steps, rotation batch 64 → 48.
    expect(decodeConfig('v=3&method=moco').config.steps).toBe(500);
    expect(decodeConfig('v=3&method=jigsaw').config.steps).toBe(500);
    expect(decodeConfig('v=3&method=rotation').config.batch).toBe(64);
    expect(defaultConfig('moco').steps).toBe(1000);
    expect(defaultConfig('rotation').batch).toBe(48);
    for (const [key, entry] of Object.entries(DEFAULTS_BEFORE_V4)) {
      const old = decodeConfig(`v=3&method=${key}`).config;
      expect(old, key).toMatchObject(entry.globals ?? {});
      expect(old.params, key).toMatchObject(entry.params ?? {});
      // What a v3 link names wins over the v3 defaults, as for every version.
      expect(decodeConfig(`v=3&method=${key}&width=24&steps=77`).config, key).toMatchObject({ width: 24, steps: 77 });
    }
  });

  it('a link before v5 that does not name them keeps MAE’s and DeepCluster’s budgets of its day', () => {
    // v5: MAE 1,000 AdamW steps at ratio 0.5 (read every 20, probed every 200), DeepCluster 120 steps with k = 10.
    expect(defaultConfig('mae')).toMatchObject({ steps: 1000, optimizer: 'adamw', beta2: 0.95, weightDecay: 0.05, metricsEvery: 20, probeEvery: 200 });
    expect(defaultConfig('mae').params.maskRatio).toBe(0.5);
    expect(defaultConfig('deepcluster').steps).toBe(120);
    expect(defaultConfig('deepcluster').params.k).toBe(10);
    const v4mae = decodeConfig('v=4&method=mae').config;
    expect(v4mae).toMatchObject({ steps: 500, optimizer: 'adam', beta2: 0.999, weightDecay: 0, metricsEvery: 10, probeEvery: 100 });
    expect(v4mae.params.maskRatio).toBe(0.25);
    // Before v4 the ratio was 0.75 (DEFAULTS_BEFORE_V4 over DEFAULTS_BEFORE_V5), with v4's Adam budget.
    expect(decodeConfig('v=3&method=mae').config).toMatchObject({ steps: 500, optimizer: 'adam', width: 16 });
    expect(decodeConfig('v=3&method=mae').config.params.maskRatio).toBe(0.75);
    expect(decodeConfig('v=4&method=deepcluster').config.steps).toBe(500);
    expect(decodeConfig('v=4&method=deepcluster').config.params.k).toBe(100);
    for (const [key, entry] of Object.entries(DEFAULTS_BEFORE_V5)) {
      expect(decodeConfig(`v=4&method=${key}`).config, key).toMatchObject(entry.globals ?? {});
      expect(decodeConfig(`v=4&method=${key}&steps=77`).config.steps, key).toBe(77);
      // Other methods' v4 links are today's defaults.
      expect(decodeConfig('v=4&method=simclr').config).toEqual(defaultConfig('simclr'));
    }
  });

  it('a link before v6 that does not name them keeps inpainting’s central 14-px hole', () => {
    // v6: an 8-px square at a random place.
    expect(defaultConfig('inpainting').params).toMatchObject({ region: 'random', holeSize: 8 });
    for (const v of [1, 3, 4, 5]) {
      const old = decodeConfig(`v=${v}&method=inpainting`).config.params;
      expect(old, `v${v}`).toMatchObject(DEFAULTS_BEFORE_V6.inpainting.params ?? {});
      expect(old, `v${v}`).toMatchObject({ region: 'center', holeSize: 14 });
    }
    // What an old link names wins; other methods' v5 links are today's defaults.
    expect(decodeConfig('v=5&method=inpainting&holeSize=10').config.params).toMatchObject({ region: 'center', holeSize: 10 });
    expect(decodeConfig('v=5&method=simclr').config).toEqual(defaultConfig('simclr'));
    expect(decodeConfig('v=5&method=mae').config).toEqual(defaultConfig('mae'));
  });

  it('a link before v7 that does not name it keeps DINO’s learning rate 0.001', () => {
    // v7: 0.003, as BYOL and SimCLR here.
    expect(defaultConfig('dino').lr).toBe(0.003);
    for (const v of [1, 3, 4, 5, 6]) {
      const old = decodeConfig(`v=${v}&method=dino`).config;
      expect(old.lr, `v${v}`).toBe(DEFAULTS_BEFORE_V7.dino.globals?.lr);
      expect(old.lr, `v${v}`).toBe(0.001);
    }
    // v4 still brings v1–v3's other DINO values with it; what an old link names wins; other methods' v6 links are today's defaults.
    expect(decodeConfig('v=3&method=dino').config.params).toMatchObject({ smallCrops: 6, teacherMomentum: 0.996 });
    expect(decodeConfig('v=6&method=dino&lr=0.0005').config.lr).toBe(0.0005);
    expect(decodeConfig('v=6&method=dino').config).toEqual({ ...defaultConfig('dino'), lr: 0.001 });
    expect(decodeConfig('v=6&method=inpainting').config).toEqual(defaultConfig('inpainting'));
  });

  it('a link before v8 that does not name them keeps MSN’s 400 steps and its head of 128 hidden and 64 out', () => {
    // v8: 200 steps with a head of 1024 and 256 (config/methods/msn.ts).
    expect(defaultConfig('msn').steps).toBe(200);
    expect(defaultConfig('msn').params).toMatchObject({ projHidden: 1024, projDim: 256 });
    for (const v of [4, 5, 6, 7]) {
      const old = decodeConfig(`v=${v}&method=msn`).config;
      expect(old.steps, `v${v}`).toBe(DEFAULTS_BEFORE_V8.msn.globals?.steps);
      expect(old.params, `v${v}`).toMatchObject(DEFAULTS_BEFORE_V8.msn.params ?? {});
      expect(old.params, `v${v}`).toMatchObject({ projHidden: 128, projDim: 64 });
    }
    // v1–v3 meant 500 steps (DEFAULTS_BEFORE_V4 lands over v8's table) with the same narrow head.
    expect(decodeConfig('v=3&method=msn').config.steps).toBe(500);
    expect(decodeConfig('v=3&method=msn').config.params).toMatchObject({ projHidden: 128, projDim: 64 });
    // What an old link names wins; other methods' v7 links are today's defaults.
    expect(decodeConfig('v=7&method=msn&projDim=32&steps=50').config).toMatchObject({ steps: 50, params: { projHidden: 128, projDim: 32 } });
    expect(decodeConfig('v=7&method=msn').config).toEqual({ ...defaultConfig('msn'), steps: 400, params: { ...defaultConfig('msn').params, projHidden: 128, projDim: 64 } });
    expect(decodeConfig('v=7&method=dino').config).toEqual(defaultConfig('dino'));
  });

  it('a run stored before v2 (aug without the v2 knobs) validates with the v1 values', () => {
    const stored = { ...defaultConfig('simclr'), aug: { crop: true, cropMin: 0.3, cropMax: 1, flip: false, flipP: 0.5, jitter: true, jitterStrength: 0.4, blur: false, blurSigma: 1, noise: false, noiseStd: 0.1 } };
    const r = parseExperimentConfig(stored);
    expect(r.ok && r.config.aug).toEqual({ ...stored.aug, ...AUG_V1_VALUES });
    expect(parseExperimentConfig({ ...stored, aug: { ...stored.aug, sharpen: true } }).ok).toBe(false);
  });

  it('says so when a link is from a newer version or v is not a version', () => {
    expect(decodeConfig('v=9&method=simclr').ignored[0]).toMatch(new RegExp(`newer version of the app; read as v${FORMAT_VERSION}`));
    expect(decodeConfig('v=abc').ignored[0]).toMatch(/v=abc is not a format version/);
  });
});
