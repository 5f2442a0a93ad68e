import { METHOD_SPECS, type MethodKey } from '../../core/config/methods';
import type { MethodSnapshot, RunInfo } from '../../core/train/run';
import { useStore } from '../../state/store';
import { selectConfig, selectLastRun, selectRunInfo, selectSnapshot } from '../../state/selectors';
import { ExtraMetricCharts } from './ExtraMetricCharts';
import { SnapshotBarsChart } from './SnapshotBarsChart';
import { SnapshotImagesGrid } from './SnapshotImagesGrid';

const NO_NAMES: readonly string[] = [];

/** Whether the panel has anything to show: extra metrics to chart, or snapshot images or bars. */
export function hasMethodView(runInfo: RunInfo | null, snapshot: MethodSnapshot | null): boolean {
  return (runInfo?.extraMetrics.length ?? 0) > 0 || (snapshot?.images?.length ?? 0) > 0 || (snapshot?.bars?.length ?? 0) > 0;
}

/** The method's label; a key not in the table (an old run's) is shown as it is. */
export function methodLabel(key: string): string {
  return (METHOD_SPECS as Record<string, { label: string } | undefined>)[key]?.label ?? key;
}

/**
 * What only this method has: charts of its extra metrics and its latest snapshot (reconstructions,
 * cluster sizes). Renders nothing for a method with neither.
 */
export function MethodPanel() {
  const runInfo = useStore(selectRunInfo);
  const snapshot = useStore(selectSnapshot);
  const lastRun = useStore(selectLastRun);
  const config = useStore(selectConfig);
  if (!hasMethodView(runInfo, snapshot)) return null;

  // The finished run's method; while a run goes the config is locked, so it names the running one.
  const method: MethodKey | string = lastRun?.config.method ?? config.method;
  const names = runInfo?.extraMetrics ?? NO_NAMES;
  const images = snapshot?.images ?? [];
  const bars = snapshot?.bars ?? [];

  return (
    <section className="card method-panel" data-testid="method-panel" data-method={method} data-step={snapshot?.step} aria-label="Method view">
      <h2>{`${methodLabel(method)} — method view`}</h2>
      {names.length > 0 && <ExtraMetricCharts method={method} names={names} />}
      {(images.length > 0 || bars.length > 0) && (
        <div className="method-panel__snapshots">
          {images.map((img, i) => (
            <SnapshotImagesGrid key={`img-${i}-${img.title}`} images={img} step={snapshot?.step} />
          ))}
          {bars.map((b, i) => (
            <SnapshotBarsChart key={`bars-${i}-${b.title}`} bars={b} step={snapshot?.step} />
          ))}
        </div>
      )}
    </section>
  );
}
