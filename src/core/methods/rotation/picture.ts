import type { SnapshotImages } from '../../train/run';

const ANGLES = ['0°', '90°', '180°', '270°'];

/**
 * Rotation's picture: each shown image at its four rotations (columns), each captioned with the angle
 * the network predicts, marked right or wrong. `values` holds the rotated batch (rotation-major, as
 * rotationBatch makes it: row k·B + b is image b turned by k·90°, pixels in [0, 1]) followed by the
 * 4B predicted classes.
 */
export function rotationPicture(values: ArrayLike<number>, b: number, height: number, width: number, channels: number): SnapshotImages {
  const per = height * width * channels;
  const predicted = (row: number) => values[4 * b * per + row];
  const rows = Array.from({ length: b }, (_, i) =>
    ANGLES.map((_, k) => {
      const start = (k * b + i) * per;
      return Uint8ClampedArray.from({ length: per }, (__, p) => Math.round(values[start + p] * 255));
    }),
  );
  const notes = Array.from({ length: b }, (_, i) =>
    ANGLES.map((_, k) => {
      const guess = predicted(k * b + i);
      return { text: `says ${ANGLES[guess] ?? '?'}`, ok: guess === k };
    }),
  );
  return { title: 'Rotation predicted for each turn of the image', columns: ANGLES.map((a) => `turned ${a}`), height, width, channels, rows, notes };
}
