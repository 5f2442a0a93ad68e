import type { Knob } from './knobs';

/** Datasets a run can be evaluated on besides its own: the built-in ones (a user's live in one browser only). */
const EVAL_DATASETS = ['mnist', 'fashion-mnist', 'shapes'] as const;

/**
 * Linear evaluation as the lecture defines it (DESIGN.md "Evaluation knobs"): the share of probe-train
 * whose labels the probe may use, and which features it reads. Both were added after the first link
 * format; LEGACY_EVAL holds what a link or record without them meant, and the defaults equal it, so an
 * old link still means the same experiment.
 */
export const EVAL_KNOBS = [
  { name: 'labelFraction', label: 'Probe labels', kind: 'enum', default: '1', options: ['1', '0.1', '0.01'], help: 'Share of probe-train whose labels the linear probe sees: 100%, 10% or 1%, stratified by class and fixed by the seed (the semi-supervised protocol of SimCLR, §7, and BYOL, Table 2).' },
  { name: 'probeOn', label: 'Probe on', kind: 'enum', default: 'backbone', options: ['backbone', 'projector'], help: 'Features the probe reads: the encoder’s (the usual protocol; SimCLR, Fig. B.4, finds them better) or the method’s embedding after the projector.' },
  // Off by default: a link or record without it meant no fine-tuning (eval/finetune.ts).
  { name: 'finetuneSteps', label: 'Fine-tune steps', kind: 'int', default: 0, min: 0, max: 20_000, help: 'At the end, train a copy of the encoder plus a linear head on the labelled images for this many steps, at 1%, 10% and 100% of probe-train, and the same from random init (SimCLR Table 8; MAE reports fine-tuning first). 0: off.' },
  { name: 'finetuneLr', label: 'Fine-tune learning rate', kind: 'number', default: 0.003, min: 1e-6, max: 1, log: true, help: 'Adam learning rate of fine-tuning, for encoder and head alike (its own: the pre-training rate is for another loss). Measured on MNIST (SimCLR, 150 steps, width 8, 100 fine-tune steps on 500 labels): 0.0003 reached 30%, 0.003 68%, 0.01 64% at 100% of the labels.' },
  { name: 'evalDataset', label: 'Evaluate on', kind: 'enum', default: 'same', options: ['same', ...EVAL_DATASETS], help: 'Pre-train on one dataset, probe and fine-tune on another (transfer): its images are converted to the training images’ size and channels. same: the training dataset.' },
] as const satisfies readonly Knob[];

/** What a config from before these knobs meant: all of probe-train, backbone features, no fine-tuning, the training dataset. */
export const LEGACY_EVAL = { labelFraction: '1', probeOn: 'backbone', finetuneSteps: 0, finetuneLr: 0.003, evalDataset: 'same' } as const;

/** The label fractions the knob offers. */
export const LABEL_FRACTIONS = EVAL_KNOBS[0].options;

/** Name of the end-of-run probe accuracy at one label fraction in `final`, e.g. probeAccuracy10pct. */
export function fractionProbeKey(fraction: string): string {
  return fractionKey('probeAccuracy', fraction);
}

/** A metric at one label fraction, e.g. fractionKey('finetuneAccuracy', '0.1') = finetuneAccuracy10pct. */
export function fractionKey(metric: string, fraction: string): string {
  return `${metric}${Math.round(Number(fraction) * 100)}pct`;
}

/** Percent label of a label fraction, e.g. "10%". */
export function labelFractionPercent(fraction: string): string {
  return `${Math.round(Number(fraction) * 100)}%`;
}
