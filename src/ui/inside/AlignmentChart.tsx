import { useMemo } from 'react';
import { useStore } from '../../state/store';
import { rowsWith, selectBusy, selectConfig, selectHistory } from '../../state/selectors';
import { formatMetric } from '../format';
import { MetricChart, type Series } from '../charts/MetricChart';
import { seriesStats } from '../charts/seriesStats';
import { useStableRows } from '../charts/stableRows';
import { useThrottled } from '../charts/useThrottled';

/** Same pace as the main charts; frame offset 5, after theirs (0–3) and the method's (4). */
const REDRAW_MS = 400;

const SERIES: readonly Series[] = [
  { key: 'alignment', name: 'alignment', color: '#db2777' },
  { key: 'uniformity', name: 'uniformity (t = 2)', color: '#0d9488' },
];

/**
 * Alignment and uniformity (Wang & Isola 2020): views of one image should map close together
 * (alignment → 0) while all images spread over the sphere (uniformity well below 0, its floor −4).
 */
export function AlignmentChart() {
  const history = useStore(selectHistory);
  const config = useStore(selectConfig);
  const totalSteps = useStore((s) => s.progress?.totalSteps);
  const busy = useStore(selectBusy);
  const drawn = useThrottled(history, busy ? REDRAW_MS : 0, 5);
  const rows = useStableRows(useMemo(() => rowsWith(drawn, 'alignment'), [drawn]));
  const align = useMemo(() => seriesStats(history, 'alignment'), [history]);
  const unif = useMemo(() => seriesStats(history, 'uniformity'), [history]);
  return (
    <MetricChart
      testId="chart-alignment"
      title="Alignment and uniformity"
      hint="Alignment: mean ‖ẑ₁ − ẑ₂‖² of two views (0 best, 4 worst). Uniformity: log mean e^(−2‖ẑᵢ − ẑⱼ‖²) (0 = one point). Collapse: both go to 0."
      rows={rows}
      pointCount={align.count}
      series={SERIES}
      xMax={totalSteps ?? config.steps}
      latest={
        <>
          <span className="latest">
            align <strong data-testid="latest-alignment" data-value={align.latest}>{align.latest === undefined ? '—' : formatMetric(align.latest)}</strong>
          </span>
          <span className="latest">
            unif <strong data-testid="latest-uniformity" data-value={unif.latest}>{unif.latest === undefined ? '—' : formatMetric(unif.latest)}</strong>
          </span>
        </>
      }
    />
  );
}
