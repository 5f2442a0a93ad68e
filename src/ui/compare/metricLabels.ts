import { methodMetric, type MetricSpec } from '../../core/config/methods';
import { fractionKey, LABEL_FRACTIONS, labelFractionPercent } from '../../core/config/evalKnobs';

/**
 * Metrics every method's runs carry besides the main charts' (the trainer's evaluation, not a method's own):
 * named here so a comparison does not show them as unknown method metrics under their raw keys.
 */
const EVALUATION_METRICS: Readonly<Record<string, Required<MetricSpec>>> = {
  alignment: { label: 'Alignment', hint: 'Mean squared distance between the embeddings of two views of one image (Wang & Isola 2020): towards 0, the views agree.', scale: 'fromZero' },
  uniformity: { label: 'Uniformity (t = 2)', hint: 'Log of the mean Gaussian potential between embeddings (Wang & Isola 2020): lower is more evenly spread over the sphere, floor −4; near 0, collapsed.', scale: 'auto' },
  ...Object.fromEntries(
    LABEL_FRACTIONS.map((f) => [
      fractionKey('probeAccuracy', f),
      { label: `Linear probe, ${labelFractionPercent(f)} of the labels`, hint: `The frozen encoder's linear probe trained on ${labelFractionPercent(f)} of the probe-train images (stratified), read at the end of the run.`, scale: 'percent' },
    ]),
  ),
};

/**
 * Reference probes read once before the first step (trainer.referenceProbes): lines on the probe chart,
 * not charts of their own.
 */
export const REFERENCE_PROBES: readonly { key: 'pixelProbeAccuracy' | 'pcaProbeAccuracy'; label: string }[] = [
  { key: 'pixelProbeAccuracy', label: 'raw pixels' },
  { key: 'pcaProbeAccuracy', label: 'PCA' },
];

/**
 * The one place the comparison view asks for a metric's label, hint and scale: the trainer's evaluation
 * metrics by name, a method's own from the spec of the method that emitted it (a metric the runs share
 * is read from the first run's method).
 */
export function compareMetricInfo(method: string, name: string): Required<MetricSpec> {
  return Object.prototype.hasOwnProperty.call(EVALUATION_METRICS, name) ? EVALUATION_METRICS[name] : methodMetric(method, name);
}
