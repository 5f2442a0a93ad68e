import { SHAPES_FACTORS, SHAPES_SIZE } from '../config/shapes';
import { mixSeed, mulberry32, randInt, type Rng } from '../random';
import type { ImageDataset } from './dataset';

/**
 * The procedural Shapes dataset: RGB images of one coloured shape on a grey textured background,
 * generated from (seed, index) alone, so image i is the same at any dataset size, on any machine.
 * Labels: `labels` holds the shape kind; `factors` holds every factor (shape included) for the
 * factor probes. Factor names and classes: config/shapes.ts.
 */

// Shape outlines in units of the shape's radius, centred on 0. Areas are kept within ~2× of each
// other so that size, not kind, decides how many pixels a shape covers.
const polygon = (points: number, outer: number, inner: number, phase: number): [number, number][] =>
  Array.from({ length: points * (inner > 0 ? 2 : 1) }, (_, k) => {
    const r = inner > 0 && k % 2 === 1 ? inner : outer;
    const a = phase + (k * Math.PI * 2) / (points * (inner > 0 ? 2 : 1));
    return [r * Math.cos(a), r * Math.sin(a)];
  });
const TRIANGLE = polygon(3, 1.1, 0, -Math.PI / 2);
const STAR = polygon(5, 1.15, 0.5, -Math.PI / 2);

/** Even-odd point-in-polygon test. */
function inPolygon(x: number, y: number, poly: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether shape-local point (x, y) (already unrotated, in radii) is inside shape `kind`. */
export function insideShape(kind: number, x: number, y: number): boolean {
  switch (kind) {
    case 0: // square
      return Math.abs(x) <= 0.8 && Math.abs(y) <= 0.8;
    case 1:
      return inPolygon(x, y, TRIANGLE);
    case 2: // ellipse, aspect 0.55 so its rotation shows
      return x * x + (y / 0.55) ** 2 <= 1;
    case 3: // plus-shaped cross
      return (Math.abs(x) <= 0.33 && Math.abs(y) <= 1) || (Math.abs(x) <= 1 && Math.abs(y) <= 0.33);
    default:
      return inPolygon(x, y, STAR);
  }
}

/** HSV (h in turns) to RGB in [0, 1]. */
function hsv(h: number, s: number, v: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h * 6) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)];
}

/** The factor values of one image plus the continuous nuisances drawn with them. */
export interface ShapesSample {
  factors: number[];
  rgb: [number, number, number];
  cx: number;
  cy: number;
}

const RADII = [0.15, 0.22, 0.29]; // fraction of the side: 5, 7 and 9 px at 32 px
const ANGLES = [0, 15, 30, 45].map((d) => (d * Math.PI) / 180);
const TEXTURE_CONTRAST = 0.1;
const SUPERSAMPLE = 2; // 2×2 samples per pixel: antialiased edges, so size and rotation read cleanly

/**
 * Draws image `index` of the world `seed` into `out` (H×W×3 bytes at `offset`). Returns its factors.
 * Factors are independent and uniform; the centre jitters ±2 px inside its quadrant, and the colour's
 * saturation and value vary a little, so a factor is a class, not a single pixel pattern.
 */
export function drawShape(seed: number, index: number, size: number, out: Uint8Array, offset: number): ShapesSample {
  const rng: Rng = mulberry32(mixSeed(seed, 0x5a4e5, index));
  const factors = SHAPES_FACTORS.map((f) => randInt(rng, f.classNames.length));
  const [kind, colour, sizeClass, position, rotation, background] = factors;
  const rgb = hsv(colour / 6, 0.85 + 0.15 * rng(), 0.8 + 0.2 * rng());
  const quarter = size / 4;
  const cx = (position % 2 === 0 ? quarter : 3 * quarter) + (rng() * 2 - 1) * (2 * size) / 32;
  const cy = (position < 2 ? quarter : 3 * quarter) + (rng() * 2 - 1) * (2 * size) / 32;
  const radius = RADII[sizeClass] * size;
  const cos = Math.cos(ANGLES[rotation]);
  const sin = Math.sin(ANGLES[rotation]);
  const grey = 0.15 + 0.3 * rng();
  const stripeAngle = rng() * Math.PI;
  const [su, sv] = [Math.cos(stripeAngle), Math.sin(stripeAngle)];
  const phase = rng() * 8;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = grey;
      if (background === 1) bg += Math.sin(((x * su + y * sv + phase) * 2 * Math.PI) / 6) >= 0 ? TEXTURE_CONTRAST : -TEXTURE_CONTRAST;
      else if (background === 2) bg += (Math.floor((x + phase) / 4) + Math.floor((y + phase) / 4)) % 2 === 0 ? TEXTURE_CONTRAST : -TEXTURE_CONTRAST;
      else if (background === 3) bg += TEXTURE_CONTRAST * 1.5 * (2 * rng() - 1);
      let cover = 0;
      // Every outline lies within 1.15 radii of the centre: pixels farther out are background.
      const far = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > 1.15 * radius + 1;
      for (let sy = 0; !far && sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const dx = (x + (sx + 0.5) / SUPERSAMPLE - cx) / radius;
          const dy = (y + (sy + 0.5) / SUPERSAMPLE - cy) / radius;
          // Rotate the sample point back by the shape's angle.
          if (insideShape(kind, cos * dx + sin * dy, -sin * dx + cos * dy)) cover++;
        }
      }
      const c = cover / (SUPERSAMPLE * SUPERSAMPLE);
      const o = offset + (y * size + x) * 3;
      for (let ch = 0; ch < 3; ch++) out[o + ch] = Math.round(255 * Math.min(1, Math.max(0, bg * (1 - c) + rgb[ch] * c)));
    }
  }
  return { factors, rgb, cx, cy };
}

/** `count` Shapes images of world `seed`, with every factor as a label set. */
export function generateShapes(count: number, seed: number, size = SHAPES_SIZE): ImageDataset {
  const per = size * size * 3;
  const pixels = new Uint8Array(count * per);
  const factorLabels = SHAPES_FACTORS.map(() => new Uint8Array(count));
  for (let i = 0; i < count; i++) {
    const { factors } = drawShape(seed, i, size, pixels, i * per);
    factors.forEach((v, f) => (factorLabels[f][i] = v));
  }
  return {
    key: 'shapes',
    count,
    height: size,
    width: size,
    channels: 3,
    classes: SHAPES_FACTORS[0].classNames.length,
    pixels,
    labels: factorLabels[0],
    factors: SHAPES_FACTORS.map((f, k) => ({ name: f.name, classes: f.classNames.length, labels: factorLabels[k] })),
  };
}
