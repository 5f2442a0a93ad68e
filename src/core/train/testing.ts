import { makeSplits, type ImageDataset } from '../data/dataset';
import { mulberry32 } from '../random';

/**
 * Small synthetic dataset for unit tests that must not depend on the assets: 10 classes of
 * 28×28 images, each class a bright bar at its own position plus noise.
 */
export function syntheticDataset(count = 300, seed = 1): ImageDataset {
  const rng = mulberry32(seed);
  const h = 28;
  const w = 28;
  const pixels = new Uint8Array(count * h * w);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const c = i % 10;
    labels[i] = c;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const bar = c < 5 ? Math.abs(y - (4 + c * 4)) < 2 : Math.abs(x - (4 + (c - 5) * 4)) < 2;
        pixels[(i * h + y) * w + x] = Math.min(255, (bar ? 200 : 0) + Math.floor(rng() * 40));
      }
    }
  }
  return { key: 'synthetic', count, height: h, width: w, channels: 1, classes: 10, pixels, labels };
}

export { makeSplits };
