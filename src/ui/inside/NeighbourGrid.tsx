import { useDrawnInside } from './useDrawnInside';
import { currentQueries, setQuery } from '../../state/insideActions';
import { useStore } from '../../state/store';
import { NEIGHBOURS } from '../../core/eval/inside/types';
import { EvalImage } from './EvalImage';

const SCALE = 2;

/**
 * Eight query images (fixed by the seed) and their eight nearest neighbours by cosine in the chosen
 * features; a neighbour of another label is outlined. Click a neighbour to make it the row's query,
 * or a query to step to the next image.
 */
export function NeighbourGrid() {
  const inside = useDrawnInside(8);
  const seed = useStore((s) => s.config.seed);
  if (!inside) return null;
  const images = inside.images;
  if (!images) return null;
  const { neighbours } = inside.latest.spaces[inside.space];
  const k = neighbours.length / images.count;
  const queries = currentQueries(inside, seed);
  let wrong = 0;
  return (
    <div className="card chart inside-neighbours" data-testid="neighbour-grid" data-space={inside.space}>
      <div className="chart__head">
        <h3>{`Nearest neighbours (cosine, ${inside.space === 'embedding' ? 'method embedding' : 'backbone features'})`}</h3>
        <div className="chart__latest">
          <span className="latest latest--muted">step {inside.latest.step}</span>
        </div>
      </div>
      <div className="inside-neighbours__grid" style={{ gridTemplateColumns: `repeat(${k + 1}, ${images.width * SCALE + 6}px)` }}>
        {queries.map((q, row) => [
          <button type="button" key={`q${row}`} className="inside-neighbours__cell inside-neighbours__query" data-testid={`nn-query-${row}`} data-index={q} title="Query: click for the next image" onClick={() => setQuery(row, (q + 1) % images.count)}>
            <EvalImage images={images} index={q} scale={SCALE} label={`query ${row + 1}`} />
          </button>,
          ...Array.from({ length: Math.min(k, NEIGHBOURS) }, (_, r) => {
            const m = neighbours[q * k + r];
            const isWrong = images.labels[m] !== images.labels[q];
            if (isWrong) wrong += 1;
            return (
              <button type="button" key={`n${row}-${r}`} className={`inside-neighbours__cell${isWrong ? ' inside-neighbours__cell--wrong' : ''}`} data-wrong={isWrong} title={`label ${images.labels[m]}: click to make it the query`} onClick={() => setQuery(row, m)}>
                <EvalImage images={images} index={m} scale={SCALE} label={`neighbour ${r + 1} of query ${row + 1}`} />
              </button>
            );
          }),
        ])}
      </div>
      <p className="chart__hint" data-testid="nn-wrong" data-value={wrong}>{`Outlined in red: neighbours with another label (${wrong} of ${queries.length * Math.min(k, NEIGHBOURS)}).`}</p>
    </div>
  );
}
