import { useStore } from '../../state/store';
import { selectPreview } from '../../state/selectors';
import { PreviewCanvas } from './PreviewCanvas';

const SCALE = 3;
const ROWS = [
  { key: 'original', label: 'original' },
  { key: 'view1', label: 'view 1' },
  { key: 'view2', label: 'view 2' },
] as const;

/** What the augmentations do to a few probe-test images: the originals and two views of each. */
export function PreviewStrip() {
  const preview = useStore(selectPreview);
  if (!preview) return null;
  const { width, height, channels, samples } = preview;
  return (
    <section className="card preview" aria-label="Augmentation preview">
      {/* Scrolls sideways on a phone: focusable, so a keyboard can scroll it (axe: scrollable-region-focusable). */}
      <div className="preview__strip" data-testid="preview-strip" tabIndex={0} role="group" aria-label={`Two augmented views of each of ${samples.length} images`}>
        <div className="preview__labels" style={{ gridTemplateRows: `repeat(3, ${height * SCALE}px)` }}>
          {ROWS.map((r) => (
            <span key={r.key}>{r.label}</span>
          ))}
        </div>
        {samples.map((sample, i) => (
          <div className="preview__sample" key={i}>
            {ROWS.map((r) => (
              <PreviewCanvas key={r.key} pixels={sample[r.key]} width={width} height={height} channels={channels} scale={SCALE} label={`sample ${i + 1}, ${r.label}`} />
            ))}
          </div>
        ))}
      </div>
      <p className="preview__caption">Augmented views (seed-determined; changes with the augmentation settings)</p>
    </section>
  );
}
