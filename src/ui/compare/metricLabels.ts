import { methodMetric, type MetricSpec } from '../../core/config/methods';

/**
 * The one place the comparison view asks for a method metric's label, hint and scale: from the spec
 * of the method that emitted it (a metric the runs share is read from the first run's method).
 */
export function compareMetricInfo(method: string, name: string): Required<MetricSpec> {
  return methodMetric(method, name);
}
