import type { ExperimentConfig } from '../config/schema';
import { decodeConfig } from '../config/url';
import { expandSweep, parseSweepAxes, type SweepAxis } from './sweep';
import { applyRun } from './link';
import { findKnob, knobValue } from './knobs';

/**
 * "Experiments to try": classroom comparisons, each a base experiment and the knobs it varies,
 * sized to finish within 5 minutes on WASM on a 2-core CPU (measured: presetTimes.ts).
 */
export interface Preset {
  key: string;
  title: string;
  /** Two or three sentences: what to watch, and what the paper found. */
  watch: string;
  /** A single-experiment query: the budget every run of the preset shares. */
  base: string;
  /** `--vary` arguments, as `npm run sweep` takes them (their cross product is the runs)… */
  vary?: string[];
  /**
   * …or the runs themselves, when a paper's table is not a cross product (MoCo v2's rows a–e): each
   * as a comparison link's `run` parameter, `name:value` pairs joined by commas ('' is the base).
   */
  runs?: string[];
  /** The table of the lecture it replays, and its row in docs/FINDINGS.md (where the measured values go). */
  replays?: { table: string; findings: string };
}

/**
 * The shared budget: small enough for a lecture, large enough for the probes to separate. SimCLR-based presets
 * also pin lr 0.001, the rate their outcomes (presetTimes.ts) were measured at before SimCLR's default became 0.003.
 * v=4: the link format the outcomes were measured at, so MAE runs keep Adam and DeepCluster k = 100 (v5 changed
 * both defaults; config/versions.ts).
 */
const BUDGET = 'v=4&dataset=mnist&backend=wasm&seed=1&steps=150&batch=32&n=2000&width=8&probeTrain=500&probeTest=500&metricsEvery=10&probeEvery=50';
/**
 * Three demos run their ConvNet without BatchNorm (the encoder default since link v3), as they were measured:
 * the encoder's batch statistics are themselves a guard against collapse (Richemond et al. 2020, "BYOL works
 * even without batch statistics", §3), so with them VICReg without its variance term keeps its spread (std
 * 0.160 against 0.163 with it) and the demo shows nothing; and at 150 steps of a width-8 encoder with
 * BatchNorm, SimCLR probes at its random init (47–51% against 51%) and SwAV below it (45%, 48% with small
 * crops). BYOL's and SimSiam's collapse demos show the collapse with BatchNorm too, and learn more with it
 * (presetTimes.ts). Measured with npm run sweep on 30 November.
 */
const NO_ENCODER_BN = 'batchNorm=0';

export const PRESETS: readonly Preset[] = [
  {
    key: 'byol-collapse',
    title: 'BYOL: predictor and EMA target',
    watch:
      'Watch the std chart: without both the predictor and the moving-average target, the embeddings fall towards a point and the loss reaches 0. BYOL’s ablation (Grill et al. 2020, Table 5b) found that removing both collapses; either one alone keeps training.',
    base: `method=byol&${BUDGET}&lr=0.01&projHidden=32&projDim=16`,
    vary: ['predictor=1,0', 'ema=1,0'],
  },
  {
    key: 'simsiam-stopgrad',
    title: 'SimSiam: stop-gradient',
    watch:
      'Without the stop-gradient the loss drops straight to −1 and the std to 0: every image maps to the same vector. Chen & He (2021, Fig. 2) show exactly this, and that the predictor and stop-gradient together are enough to prevent it without negatives or momentum.',
    base: `method=simsiam&${BUDGET}&lr=0.02&projHidden=32&projDim=16&predHidden=8`,
    vary: ['stopGrad=1,0'],
  },
  {
    key: 'mae-mask-ratio',
    title: 'MAE: masking ratio',
    watch:
      'Higher ratios make the reconstruction harder (higher loss) but the task more semantic. He et al. (2022, Fig. 5) found 75% best for ImageNet linear probing. At 150 steps MAE is still on the plateau it starts on (the loss stays near 0.5, what predicting each hidden patch as its own mean scores), so the probes differ by about as much as seeds do; docs/FINDINGS.md compares the ratios again at MAE’s default budget (1,000 AdamW steps, about 5 minutes a run) and at 3,000 steps.',
    base: `method=mae&${BUDGET}`,
    vary: ['maskRatio=0.25,0.5,0.75,0.9'],
  },
  {
    key: 'simclr-temperature',
    title: 'SimCLR: temperature τ',
    watch:
      'A small τ sharpens the softmax over negatives and weighs hard negatives more; a large τ treats all alike. Chen et al. (2020, Table 5) found 0.1–0.5 best with normalised embeddings; watch the loss scale (log 2N−1 at the start) and the probe.',
    base: `method=simclr&${BUDGET}&lr=0.001&${NO_ENCODER_BN}`,
    vary: ['temperature=0.05,0.2,0.5,1'],
  },
  {
    key: 'families',
    title: 'One method per family, same budget',
    watch:
      'Rotation (pretext), SimCLR (contrastive), BYOL (joint embedding), SwAV (clustering) and MAE (masked) on the same encoder, data and steps. Losses are on different scales — compare the probe and kNN against the random-init line.',
    base: `method=simclr&${BUDGET}&lr=0.001`,
    vary: ['method=rotation,simclr,byol,swav,mae'],
  },
  {
    key: 'swav-multicrop',
    title: 'SwAV: multi-crop',
    watch:
      'Two extra small crops per image must predict the code of the global views. Caron et al. (2020, Table 3) credit multi-crop with +2 points of ImageNet accuracy at little cost; on digits, watch the prediction entropy: crops too small to tell digits apart make SwAV hedge.',
    base: `method=swav&${BUDGET.replace('steps=150', 'steps=120')}&${NO_ENCODER_BN}`,
    vary: ['smallCrops=0,2'],
  },
  {
    key: 'vicreg-variance',
    title: 'VICReg: the variance term',
    watch:
      'With the variance weight at 0 nothing keeps each dimension’s spread up, and the embedding collapses (std towards 0, RankMe down). Bardes et al. (2022, Table 4) report collapse without it; the covariance term alone does not prevent it.',
    base: `method=vicreg&${BUDGET}&projHidden=64&projDim=32&${NO_ENCODER_BN}`,
    vary: ['variance=25,0'],
  },
  {
    key: 'moco-ablation',
    title: 'MoCo v1 → v2, one change at a time',
    watch:
      'The rows of MoCo v2’s ablation: v1, then (a) an MLP head, (b) blur added to the augmentations, (c) both, (d) with a cosine learning-rate schedule, (e) trained twice as long. Chen et al. (2020, Table 1) found the MLP head the largest single gain (+5.6 points), blur +2.8, cosine +0.2 and longer training +3.6; compare the probe column row by row.',
    base: `method=moco&${BUDGET}&mocoVersion=v1`,
    runs: ['', 'mocoHead:mlp', 'mocoAug:augplus', 'mocoHead:mlp,mocoAug:augplus', 'mocoHead:mlp,mocoAug:augplus,mocoSchedule:cosine', 'mocoHead:mlp,mocoAug:augplus,mocoSchedule:cosine,steps:300'],
    replays: {
      table: 'Chen, Fan, Girshick & He, “Improved Baselines with Momentum Contrastive Learning”, 2020, Table 1 (ImageNet linear probe, 200 epochs): v1 60.6; (a) MLP 66.2; (b) aug+ 63.4; (c) MLP + aug+ 67.3; (d) + cos 67.5; (e) + 800 epochs 71.1',
      findings: 'docs/FINDINGS.md#moco-ablation',
    },
  },
  {
    key: 'multicrop-table',
    title: 'Multi-crop for SimCLR, DeepCluster and SwAV',
    watch:
      'Each method with its two views alone, then with two small crops added that must agree with the global views. The SwAV paper found multi-crop helps every method it tried, most the clustering ones (SimCLR +2.4, DeepCluster-v2 +4.1, SwAV +4.0 points); compare each method’s probe with and without, not the methods with each other.',
    base: `method=simclr&${BUDGET.replace('steps=150', 'steps=120')}&lr=0.001`,
    vary: ['method=simclr,deepcluster,swav', 'smallCrops=0,2'],
    replays: {
      table: 'Caron et al., “Unsupervised Learning of Visual Features by Contrasting Cluster Assignments” (SwAV), NeurIPS 2020, multi-crop ablation (ImageNet linear probe, 400 epochs, 2×224 → 2×160 + 4×96): SimCLR 68.2 → 70.6; DeepCluster-v2 70.2 → 74.3; SwAV 70.1 → 74.1',
      findings: 'docs/FINDINGS.md#multicrop-table',
    },
  },
  {
    key: 'byol-batchnorm',
    title: 'BYOL: BatchNorm in its heads',
    watch:
      'BatchNorm in the projector and predictor, none at all, GroupNorm with weight standardisation in the heads only, or GN + WS in the encoder too (no batch statistics anywhere; the encoder’s own BatchNorm is off in the first three). Without BN the embedding may collapse (std towards 0) — the observation that started the debate; the BYOL authors answered that GN + WS in the whole network trains as well as BN, so BN’s batch statistics are not what prevents collapse (Richemond et al. 2020).',
    base: `method=byol&${BUDGET}&lr=0.01&projHidden=32&projDim=16&batchNorm=0`,
    vary: ['headNorm=bn,none,gn-ws,gn-ws-all'],
    replays: {
      table: 'Richemond, Grill, Altché et al., “BYOL works even without batch statistics”, arXiv 2010.10241 (ImageNet linear probe): BN 74.3; GN + WS 73.9; with no normalisation at all BYOL collapses under the standard initialisation',
      findings: 'docs/FINDINGS.md#byol-batchnorm',
    },
  },
];

/** A preset's sweep: its varied knobs and its experiments. Throws when it does not validate (a test runs them all). */
export function presetSweep(p: Preset): { axes: SweepAxis[]; configs: ExperimentConfig[] } {
  const { config, ignored } = decodeConfig(p.base);
  if (ignored.length) throw new Error(`preset ${p.key}: ${ignored.join('; ')}`);
  if (p.runs) return listedRuns(p, config, p.runs);
  const axes = parseSweepAxes(config, p.vary ?? []);
  if (!axes.ok) throw new Error(`preset ${p.key}: ${axes.errors.join('; ')}`);
  const r = expandSweep(config, { axes: axes.axes, seeds: [] });
  if (!r.ok) throw new Error(`preset ${p.key}: ${r.errors.join('; ')}`);
  return { axes: axes.axes, configs: r.runs.map((x) => x.config) };
}

/**
 * A preset that lists its runs: each applied to the base as a comparison link's run is. Its axes are
 * the knobs the runs set, each with the values its runs take in order, so a sweep's summary groups
 * by them as it does for a cross product.
 */
function listedRuns(p: Preset, base: ExperimentConfig, runs: readonly string[]): { axes: SweepAxis[]; configs: ExperimentConfig[] } {
  const configs = runs.map((raw, i) => {
    const r = applyRun(base, raw);
    if (!r.ok) throw new Error(`preset ${p.key}, run ${i + 1}: ${r.error}`);
    return r.config;
  });
  const names = [...new Set(runs.flatMap((raw) => (raw === '' ? [] : raw.split(',').map((pair) => pair.slice(0, pair.indexOf(':'))))))];
  const axes = names.map((knob) => ({
    knob,
    values: [...new Set(configs.map((c) => knobValue(c, findKnob(knob, c.method)!)))],
  }));
  return { axes, configs };
}
