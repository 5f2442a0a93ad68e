/** Most points a chart line draws. Beyond a few hundred, SVG redraws cost more than they show. */
export const MAX_DRAWN_POINTS = 600;

/**
 * Evenly spaced rows for drawing, first and last always kept (the last is the live value the eye
 * follows). Returns the input itself when it is already small enough.
 */
export function downsample<T>(rows: readonly T[], max = MAX_DRAWN_POINTS): readonly T[] {
  if (rows.length <= max) return rows;
  if (max < 2) return rows.slice(-1);
  const out: T[] = new Array(max);
  const last = rows.length - 1;
  for (let k = 0; k < max; k++) out[k] = rows[Math.round((k * last) / (max - 1))];
  return out;
}
