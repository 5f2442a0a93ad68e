/**
 * Wall time of each preset and what it showed, measured on this machine (2 cores, WASM, 1 thread)
 * with `npm run sweep -- --preset KEY --out /tmp/presets/KEY` on 2026-11-30, while other jobs shared
 * the CPU: the times are inflated, not best-case. The six presets from byol-collapse to vicreg-variance
 * were re-measured at 22:30 in two sweeps side by side, once the encoder's BatchNorm was the default
 * (presets.ts says which of them turn it off, and why). Probe = linear
 * probe on 500 held-out digits; std of the l2-normalised embedding (healthy about 1/√d).
 */
export interface PresetTime {
  seconds: number;
  outcome: string;
}

export const PRESET_TIMES: Readonly<Record<string, PresetTime>> = {
  'byol-collapse': {
    seconds: 54,
    outcome: 'std 0.19 (full), 0.21 (EMA off), 0.034 (predictor off), 0.019 with both off (loss 0.0014: collapsed); probe 62%, 62%, 56%, 54% against 51% at random init.',
  },
  'simsiam-stopgrad': {
    seconds: 17,
    outcome: 'with stop-gradient: loss −0.45, std 0.24, probe 71%; without: loss −0.9996, std 0.009, probe 55% (random init 51%): collapsed.',
  },
  'mae-mask-ratio': {
    seconds: 230,
    outcome: 'probe 66%, 63%, 58%, 60% at 0.25/0.5/0.75/0.9 (random init 62%); at 150 steps on digits the lowest ratio probes best, unlike ImageNet.',
  },
  'simclr-temperature': {
    seconds: 26,
    outcome: 'probe 60%, 61%, 62%, 59% for τ 0.05/0.2/0.5/1 (random init 51%); τ = 0.05 keeps the lowest std (0.07 against 0.11–0.12).',
  },
  // Re-measured on 30 November at 20:30 (the encoder's BatchNorm, MAE's masking ratio 0.25), with seven other jobs on
  // the two cores: the time is far above an idle machine's (MAE alone 172 s of it).
  families: {
    seconds: 276,
    outcome: 'probe: BYOL 52%, rotation 51%, SimCLR 51%, SwAV 49% (random init 51%): at width 8 and 150 steps the ConvNet methods do not yet separate; MAE 66% against its ViT’s 62% at random init.',
  },
  'swav-multicrop': {
    seconds: 15,
    outcome: 'probe 56% with two global crops, 60% with two small crops added (random init 51%); same loss (3.38, near log K).',
  },
  'vicreg-variance': {
    seconds: 15,
    outcome: 'with the variance term: std 0.165, probe 62%; without: loss 0.04, std 0.092, probe 55% (random init 51%): the spread shrinks at this budget.',
  },
  'moco-ablation': {
    seconds: 101,
    outcome: 'probe over 3 seeds (docs/FINDINGS.md#moco-ablation): v1 52.5%, (a) MLP 49.9%, (b) aug+ 51.9%, (c) both 49.7%, (d) + cosine 49.9%, (e) 300 steps 51.4% (random init 50.1%), every gap inside the seed spread of about 3 points: at 150 steps of a width-8 encoder on digits none of MoCo v2’s changes pays off yet, unlike ImageNet.',
  },
  'multicrop-table': {
    seconds: 150,
    outcome: 'probe over 3 seeds with 2 views → with 2 small crops added (docs/FINDINGS.md#multicrop-table): SimCLR 52.7% → 55.4%, DeepCluster 51.5% → 54.0%, SwAV 48.5% → 53.1% (random init 50.1%): every method gains on the mean, as in the SwAV paper; DeepCluster’s gain exceeds its seed spread, SimCLR’s and SwAV’s do not.',
  },
  'byol-batchnorm': {
    seconds: 88,
    outcome: 'over 3 seeds (docs/FINDINGS.md#byol-batchnorm): BN in the heads std 0.18, probe 56.5%; no normalisation std 0.001, probe 40.9%: collapsed; GN + WS in the heads only std 0.0000, probe 42.3%: collapsed too; GN + WS in the encoder as well (Richemond et al.’s network) std 0.030, probe 38.1% against its own random init 34.1%: it keeps the embedding from collapsing completely (25× the spread of no normalisation) but does not train as well as BN at 150 steps of a width-8 encoder.',
  },
};
