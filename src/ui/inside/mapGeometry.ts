/** Ten label colours (Tableau 10), one per class; more classes wrap. */
export const LABEL_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export interface Fit {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/**
 * Maps 2-D points (n×2) into a size×size box with a margin, the same scale on both axes (so a line
 * looks like a line). With `unitDisc` (PCA of l2-normalised rows, all within radius 1 of the origin)
 * the box is fixed to [−1, 1]², so a collapsing cloud shrinks on screen; otherwise (UMAP, whose
 * scale means nothing) it is fitted to the points.
 */
export function fitPoints(points: Float32Array, size: number, margin: number, unitDisc = false): Fit {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    minX = Math.min(minX, points[i]);
    maxX = Math.max(maxX, points[i]);
    minY = Math.min(minY, points[i + 1]);
    maxY = Math.max(maxY, points[i + 1]);
  }
  if (unitDisc) [minX, maxX, minY, maxY] = [Math.min(minX, -1), Math.max(maxX, 1), Math.min(minY, -1), Math.max(maxY, 1)];
  const extent = Math.max(maxX - minX, maxY - minY, 1e-6);
  const scale = (size - 2 * margin) / extent;
  return { scale, offsetX: size / 2 - ((minX + maxX) / 2) * scale, offsetY: size / 2 + ((minY + maxY) / 2) * scale };
}

/** Root-mean-square distance of the points from their centroid: how spread the cloud is. */
export function rmsSpread(points: Float32Array): number {
  const n = points.length / 2;
  if (n === 0) return 0;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) [mx, my] = [mx + points[i * 2] / n, my + points[i * 2 + 1] / n];
  let s = 0;
  for (let i = 0; i < n; i++) s += (points[i * 2] - mx) ** 2 + (points[i * 2 + 1] - my) ** 2;
  return Math.sqrt(s / n);
}

/** Canvas position of point i (y up). */
export function place(points: Float32Array, i: number, fit: Fit): [number, number] {
  return [points[i * 2] * fit.scale + fit.offsetX, fit.offsetY - points[i * 2 + 1] * fit.scale];
}

/** Index of the point nearest (x, y) within `radius` pixels, or −1. */
export function pointAt(points: Float32Array, fit: Fit, x: number, y: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < points.length / 2; i++) {
    const [px, py] = place(points, i, fit);
    const d = (px - x) ** 2 + (py - y) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
