/**
 * Wall time of each preset and what it showed, measured on this machine (2 cores, WASM, 1 thread)
 * with `npm run sweep -- --preset KEY --out /tmp/presets/KEY` on 2026-11-30, while two other jobs
 * shared the CPU (load average about 3): the times are inflated, not best-case. Probe = linear
 * probe on 500 held-out digits; std of the l2-normalised embedding (healthy about 1/√d).
 */
export interface PresetTime {
  seconds: number;
  outcome: string;
}

export const PRESET_TIMES: Readonly<Record<string, PresetTime>> = {
  'byol-collapse': {
    seconds: 66,
    outcome: 'std 0.18 (full), 0.17 (EMA off), 0.023 (predictor off), 0.004 with both off (loss 0.0003: collapsed); probe 58%, 59%, 67%, 52% against 51% at random init.',
  },
  'simsiam-stopgrad': {
    seconds: 18,
    outcome: 'with stop-gradient: loss −0.50, std 0.23, probe 58%; without: loss −0.999, std 0.006, probe 47% (below random init, 51%): collapsed.',
  },
  'mae-mask-ratio': {
    seconds: 168,
    outcome: 'probe 66%, 63%, 58%, 60% at 0.25/0.5/0.75/0.9 (random init 62%); at 150 steps on digits the lowest ratio probes best, unlike ImageNet.',
  },
  'simclr-temperature': {
    seconds: 27,
    outcome: 'probe 60%, 58%, 62%, 61% for τ 0.05/0.2/0.5/1; τ = 0.05 keeps the lowest std (0.07 against 0.12).',
  },
  families: {
    seconds: 74,
    outcome: 'probe: rotation 63%, SimCLR 62%, SwAV 61%, BYOL 55% (random init 51%); MAE 58% against its ViT’s 62% at random init.',
  },
  'swav-multicrop': {
    seconds: 25,
    outcome: 'probe 57% with two global crops, 60% with two small crops added; same loss (3.39, near log K).',
  },
  'vicreg-variance': {
    seconds: 16,
    outcome: 'with the variance term: std 0.165, probe 63%; without: loss 0.04, std 0.09, probe 55%: the spread shrinks at this budget.',
  },
  'moco-ablation': {
    seconds: 109,
    outcome: 'probe: v1 61.4%, (a) MLP 54.2%, (b) aug+ 57.0%, (c) both 54.8%, (d) + cosine 51.2%, (e) 300 steps 59.6% (random init 50.6%); one seed, load average 8.8 (measured by issue 15’s helper, 2026-11-30). At 150 steps on digits the MLP head does not pay off yet, unlike ImageNet.',
  },
  'multicrop-table': {
    seconds: 124,
    outcome: 'probe with 2 views → with 2 small crops added: SimCLR 62.4% → 59.0%, DeepCluster 53.0% → 50.0%, SwAV 57.6% → 60.2% (random init 50.6%); one seed, load average 6 (issue 15’s helper, 2026-11-30). Only SwAV gains at 120 steps on digits.',
  },
  'byol-batchnorm': {
    seconds: 59,
    outcome: 'BN in the heads: std 0.19, probe 54.2%; no normalisation: loss 0.002, std 0.001, probe 37.4%: collapsed; GroupNorm + WS: loss 0.0000, std 0.0000, probe 40.4%: collapsed too (random init 50.6%). One seed, load average 8.7. Here GN + WS sits in the heads only (the encoder has no normalisation of its own at this link’s version); Richemond et al. put it in the whole network.',
  },
};
