import type { PatchMasks } from '../../augment/masks';
import type { SnapshotImages } from '../../train/run';

/** Grey that marks a hidden patch in the anchor view. */
const HIDDEN = 128;

/**
 * MSN's views: per shown image, the target view the EMA network sees whole and the anchor view with
 * its hidden patches greyed out, as the online ViT receives it. `values`: B target views, then B
 * anchor views (pixels in [0, 1], B×H×W×C each); `masks` the anchor views' patch masks.
 */
export function maskedViewsPicture(values: ArrayLike<number>, b: number, height: number, width: number, channels: number, masks: PatchMasks, patch: number): SnapshotImages {
  const per = height * width * channels;
  const L = masks.rows * masks.cols;
  const rows = Array.from({ length: b }, (_, i) => {
    const target = Uint8ClampedArray.from({ length: per }, (__, p) => Math.round(values[i * per + p] * 255));
    const anchor = Uint8ClampedArray.from({ length: per }, (__, p) => {
      const pixel = Math.floor(p / channels);
      const cell = Math.floor(Math.floor(pixel / width) / patch) * masks.cols + Math.floor((pixel % width) / patch);
      return masks.hidden[i * L + cell] === 1 ? HIDDEN : Math.round(values[(b + i) * per + p] * 255);
    });
    return [anchor, target];
  });
  return { title: 'Masked anchor views beside the target view', columns: ['anchor (masked)', 'target'], height, width, channels, rows };
}
