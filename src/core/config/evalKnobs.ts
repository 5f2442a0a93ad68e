import type { Knob } from './knobs';

/**
 * Linear evaluation as the lecture defines it (DESIGN.md "Evaluation knobs"): the share of probe-train
 * whose labels the probe may use, and which features it reads. Both were added after the first link
 * format; LEGACY_EVAL holds what a link or record without them meant, and the defaults equal it, so an
 * old link still means the same experiment.
 */
export const EVAL_KNOBS = [
  { name: 'labelFraction', label: 'Probe labels', kind: 'enum', default: '1', options: ['1', '0.1', '0.01'], help: 'Share of probe-train whose labels the linear probe sees: 100%, 10% or 1%, stratified by class and fixed by the seed (the semi-supervised protocol of SimCLR, §7, and BYOL, Table 2).' },
  { name: 'probeOn', label: 'Probe on', kind: 'enum', default: 'backbone', options: ['backbone', 'projector'], help: 'Features the probe reads: the encoder’s (the usual protocol; SimCLR, Fig. B.4, finds them better) or the method’s embedding after the projector.' },
] as const satisfies readonly Knob[];

/** The values a config from before these knobs existed used: all of probe-train, backbone features. */
export const LEGACY_EVAL = { labelFraction: '1', probeOn: 'backbone' } as const;

/** The label fractions the knob offers. */
export const LABEL_FRACTIONS = EVAL_KNOBS[0].options;

/** Name of the end-of-run probe accuracy at one label fraction in `final`, e.g. probeAccuracy10pct. */
export function fractionProbeKey(fraction: string): string {
  return `probeAccuracy${Math.round(Number(fraction) * 100)}pct`;
}

/** Percent label of a label fraction, e.g. "10%". */
export function labelFractionPercent(fraction: string): string {
  return `${Math.round(Number(fraction) * 100)}%`;
}
