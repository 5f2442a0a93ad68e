import { useDrawnInside } from './useDrawnInside';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { SpaceKey } from '../../core/eval/inside/types';
import { computeUmap, setInsideSpace, setProjection } from '../../state/insideActions';
import type { InsideState } from '../../state/inside';
import { EvalImage } from './EvalImage';
import { fitPoints, LABEL_COLORS, place, pointAt, rmsSpread } from './mapGeometry';

const SIZE = 360;
const MARGIN = 12;
const HOVER_RADIUS = 8;

const SPACES: { key: SpaceKey; label: string }[] = [
  { key: 'embedding', label: 'method embedding' },
  { key: 'backbone', label: 'backbone features' },
];

/** The points the map shows now: PCA of the latest reading, or the UMAP asked for (of the reading it was computed on). */
function shownPoints(inside: InsideState): { points: Float32Array; caption: string; unitDisc: boolean } | null {
  if (inside.projection === 'pca') return { points: inside.latest.spaces[inside.space].pca, caption: `PCA, step ${inside.latest.step}`, unitDisc: true };
  const u = inside.umap;
  if (u?.status === 'done' && u.points && u.space === inside.space) return { points: u.points, caption: `UMAP of step ${u.step}`, unitDisc: false };
  return null;
}

/**
 * The evaluation images' features in 2-D, coloured by label: PCA redrawn at every reading, UMAP on
 * demand. Collapse shows as the cloud shrinking to a point or a line. Hover a point for its image.
 */
export function EmbeddingMap() {
  const inside = useDrawnInside(7);
  return inside ? <MapOf inside={inside} /> : null;
}

function MapOf({ inside }: { inside: InsideState }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const shown = shownPoints(inside);
  const labels = inside.images?.labels;
  const fit = useMemo(() => (shown ? fitPoints(shown.points, SIZE, MARGIN, shown.unitDisc) : null), [shown?.points, shown?.unitDisc]);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, SIZE, SIZE);
    if (!shown || !fit) return;
    if (shown.unitDisc) {
      // The unit circle: where l2-normalised features live; a healthy cloud fills much of it.
      ctx.strokeStyle = '#e2e8f0';
      ctx.beginPath();
      ctx.arc(fit.offsetX, fit.offsetY, fit.scale, 0, 2 * Math.PI);
      ctx.stroke();
    }
    // One path per label colour, filled once: a fill per point costs ~10× more with a thousand points.
    const count = shown.points.length / 2;
    for (let c = 0; c < LABEL_COLORS.length; c++) {
      ctx.fillStyle = LABEL_COLORS[c];
      ctx.beginPath();
      for (let i = 0; i < count; i++) {
        if ((labels?.[i] ?? 0) % LABEL_COLORS.length !== c) continue;
        const [x, y] = place(shown.points, i, fit);
        ctx.moveTo(x + 3, y);
        ctx.arc(x, y, 3, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    // `shown` is rebuilt on every render (a hover too); its points are what is drawn.
  }, [shown?.points, shown?.unitDisc, fit, labels]);

  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    if (!shown || !fit) return;
    const r = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * SIZE;
    const y = ((e.clientY - r.top) / r.height) * SIZE;
    const index = pointAt(shown.points, fit, x, y, HOVER_RADIUS);
    setHover(index < 0 ? null : { index, x: e.clientX - r.left, y: e.clientY - r.top });
  };

  const umap = inside.umap;
  const umapBusy = umap?.status === 'running';
  return (
    <div className="card chart inside-map" data-testid="embedding-map" data-points={shown ? shown.points.length / 2 : 0} data-count={inside.images?.count ?? 0} data-projection={inside.projection} data-space={inside.space} data-spread={shown ? rmsSpread(shown.points) : undefined}>
      <div className="chart__head">
        <h3>Embedding map</h3>
        <div className="chart__latest">
          <span className="latest latest--muted">{shown?.caption ?? (umapBusy ? 'UMAP: computing…' : umap?.status === 'error' ? `UMAP failed: ${umap.error}` : 'UMAP: press Compute')}</span>
        </div>
      </div>
      <div className="inside-map__controls">
        <select data-testid="map-space" value={inside.space} onChange={(e) => setInsideSpace(e.target.value as SpaceKey)} aria-label="features shown">
          {SPACES.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
        <label>
          <input type="radio" name="projection" checked={inside.projection === 'pca'} onChange={() => setProjection('pca')} /> PCA (live)
        </label>
        <label>
          <input type="radio" name="projection" data-testid="map-umap" checked={inside.projection === 'umap'} onChange={() => setProjection('umap')} /> UMAP
        </label>
        {inside.projection === 'umap' && (
          <button type="button" className="button button--quiet" data-testid="map-umap-compute" disabled={umapBusy} onClick={computeUmap}>
            {umapBusy ? 'Computing…' : `Compute for step ${inside.latest.step}`}
          </button>
        )}
      </div>
      <div className="inside-map__plot">
        <canvas ref={canvas} width={SIZE} height={SIZE} onMouseMove={onMove} onMouseLeave={() => setHover(null)} aria-label="embedding map" role="img" />
        {hover && inside.images && (
          <div className="inside-map__hover" data-testid="map-hover" style={{ left: hover.x + 12, top: hover.y + 12 }}>
            <EvalImage images={inside.images} index={hover.index} scale={3} label={`image ${hover.index}`} />
            <span>label {inside.images.labels[hover.index]}</span>
          </div>
        )}
      </div>
      <p className="chart__hint">One point per evaluation image (features l2-normalised), coloured by its label; PCA is drawn at a fixed scale inside the unit circle. A healthy embedding keeps classes apart in a spread cloud; collapse squeezes it into a point or a line.</p>
    </div>
  );
}
