import type { SnapshotImages } from '../../core/train/run';
import { PreviewCanvas } from '../preview/PreviewCanvas';
import '../inside/inside.css';

const SCALE = 3;
/** Narrowest column, so captions stay legible above small images. */
const MIN_COLUMN = 56;

/** One titled grid of images: column captions on top, one row per sample (e.g. masked / reconstruction / original). */
export function SnapshotImagesGrid({ images, step }: { images: SnapshotImages; step?: number }) {
  const { title, columns, rows, width, height, channels, notes } = images;
  const ncols = Math.max(columns.length, ...rows.map((r) => r.length), 1);
  const cell = Math.max(width * SCALE, MIN_COLUMN);
  return (
    <figure className="snapshot snapshot-images" data-testid="snapshot-images" data-title={title} data-rows={rows.length} data-columns={ncols}>
      <h3 className="snapshot__title">{title}</h3>
      <div className="snapshot-images__scroll">
        <div className="snapshot-images__grid" style={{ gridTemplateColumns: `repeat(${ncols}, ${cell}px)` }}>
          {Array.from({ length: ncols }, (_, j) => (
            <span className="snapshot-images__column" key={`h${j}`}>
              {columns[j] ?? ''}
            </span>
          ))}
          {rows.map((row, i) =>
            Array.from({ length: ncols }, (_, j) =>
              row[j] ? (
                <span key={`${i}-${j}`} className="snapshot-images__cell">
                  <PreviewCanvas
                    pixels={row[j]}
                    width={width}
                    height={height}
                    channels={channels}
                    scale={SCALE}
                    label={`${title}: row ${i + 1}, ${columns[j] ?? `column ${j + 1}`}`}
                  />
                  {notes?.[i]?.[j]?.text && (
                    <span className={`snapshot-images__note${notes[i][j].ok === true ? ' snapshot-images__note--ok' : notes[i][j].ok === false ? ' snapshot-images__note--wrong' : ''}`} data-ok={notes[i][j].ok}>
                      {notes[i][j].ok === true ? '✓ ' : notes[i][j].ok === false ? '✗ ' : ''}
                      {notes[i][j].text}
                    </span>
                  )}
                </span>
              ) : (
                <span key={`${i}-${j}`} />
              ),
            ),
          )}
        </div>
      </div>
      {step !== undefined && <figcaption className="snapshot__step">{`step ${step}`}</figcaption>}
    </figure>
  );
}
