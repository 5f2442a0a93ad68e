import type { SnapshotImages } from '../../train/run';

/** Features shown of the d×d cross-correlation: its top-left block, legible at the panel's 3× scale. */
export const SHOWN_FEATURES = 32;
/** Fixed images the snapshot's cross-correlation is measured on (a batch's worth, as in training). */
export const SNAPSHOT_IMAGES = 64;

/**
 * A k×k correlation block as a picture with a diverging map: +1 red, 0 white, −1 blue (values clipped
 * to [−1, 1]). Barlow Twins drives it to the identity, a red diagonal on white (Zbontar et al. 2021, Fig. 1).
 */
export function correlationImage(values: ArrayLike<number>, k: number, title: string): SnapshotImages {
  if (values.length !== k * k) throw new Error(`correlationImage: ${values.length} values for a ${k}×${k} block`);
  const pixels = new Uint8ClampedArray(k * k * 3);
  for (let i = 0; i < k * k; i++) {
    const c = Math.max(-1, Math.min(1, values[i]));
    const fade = 255 * (1 - Math.abs(c));
    pixels[3 * i] = c < 0 ? fade : 255;
    pixels[3 * i + 1] = fade;
    pixels[3 * i + 2] = c > 0 ? fade : 255;
  }
  return { title, columns: [`features 1–${k}`], height: k, width: k, channels: 3, rows: [[pixels]] };
}
