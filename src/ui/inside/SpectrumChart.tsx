import { useDrawnInside } from './useDrawnInside';
import { spectrumPoints, spectrumScale } from './spectrum';

const WIDTH = 420;
const HEIGHT = 180;
const PAD = { left: 40, bottom: 20, top: 6, right: 8 };

/**
 * Singular values of the centred embedding, largest first, on a log scale; the latest in colour over a
 * faint trail of earlier readings. Dimensional collapse shows as the tail dropping (Jing et al. 2022).
 */
export function SpectrumChart() {
  const inside = useDrawnInside(6);
  if (!inside) return null;
  const { latest, trail } = inside;
  const scale = spectrumScale([latest.singularValues, ...trail.map((t) => t.singularValues)]);
  const w = WIDTH - PAD.left - PAD.right;
  const h = HEIGHT - PAD.top - PAD.bottom;
  const decades = Array.from({ length: scale.hi - scale.lo + 1 }, (_, i) => Math.ceil(scale.lo) + i).filter((d) => d <= scale.hi);
  return (
    <div className="card chart" data-testid="chart-spectrum" data-step={latest.step} data-count={latest.singularValues.length}>
      <div className="chart__head">
        <h3>Singular values of the embedding (log scale)</h3>
        <div className="chart__latest">
          <span className="latest">step {latest.step}</span>
        </div>
      </div>
      <svg className="inside-spectrum" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="singular value spectrum">
        <g transform={`translate(${PAD.left},${PAD.top})`}>
          {decades.map((d) => {
            const y = ((scale.hi - d) / (scale.hi - scale.lo)) * h;
            return (
              <g key={d}>
                <line x1={0} x2={w} y1={y} y2={y} stroke="#e5e7eb" />
                <text x={-4} y={y + 4} textAnchor="end" fontSize={10} fill="#64748b">{`1e${d}`}</text>
              </g>
            );
          })}
          {trail.map((t, i) => (
            <polyline key={t.step} points={spectrumPoints(t.singularValues, scale, w, h)} fill="none" stroke="#7c3aed" strokeOpacity={0.08 + (0.3 * (i + 1)) / trail.length} strokeWidth={1} />
          ))}
          <polyline data-testid="spectrum-latest" points={spectrumPoints(latest.singularValues, scale, w, h)} fill="none" stroke="#7c3aed" strokeWidth={2} />
          <text x={w} y={h + 15} textAnchor="end" fontSize={10} fill="#64748b">{`index 1 … ${scale.count}`}</text>
        </g>
      </svg>
      <p className="chart__hint">Every direction the embedding uses has a large σ. A tail dropping decades below the head is dimensional collapse; the whole curve falling is collapse to a point.</p>
    </div>
  );
}
