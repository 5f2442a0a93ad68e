import type { SnapshotImages } from '../../train/run';
import { POSITIONS } from './batch';

/**
 * Context prediction's picture: per shown image, its centre patch and one neighbour (image b shows
 * the neighbour of class b mod 8, so the rows cover the positions), the neighbour captioned with the
 * position the network predicts, marked right or wrong. `values`: the 9B patches in contextBatch's
 * row order (pixels in [0, 1]), then the 8B predicted classes.
 */
export function contextPicture(values: ArrayLike<number>, b: number, size: number, channels: number, names: readonly string[]): SnapshotImages {
  const per = size * size * channels;
  const bytes = (row: number) => Uint8ClampedArray.from({ length: per }, (_, p) => Math.round(values[row * per + p] * 255));
  const predictedAt = (row: number) => values[9 * b * per + row];
  const rows: Uint8ClampedArray[][] = [];
  const notes: { text: string; ok?: boolean }[][] = [];
  for (let i = 0; i < b; i++) {
    const k = i % POSITIONS;
    const guess = predictedAt(k * b + i);
    rows.push([bytes(i), bytes(b + k * b + i)]);
    notes.push([{ text: '' }, { text: `says ${names[guess] ?? '?'}, is ${names[k]}`, ok: guess === k }]);
  }
  return { title: 'Where is the neighbour? Predicted vs true position', columns: ['centre', 'neighbour'], height: size, width: size, channels, rows, notes };
}
