import { metricInfo, type MetricInfo } from '../method/metricInfo';

/**
 * The one place the comparison view asks for a method metric's label, hint and scale (metricInfo
 * moves next to each method's spec in another change; only this adapter follows it).
 */
export function compareMetricInfo(name: string): MetricInfo {
  return metricInfo(name);
}
