import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Playground, TINY } from './playground';
import { png } from './png';

/** Picks files through the real file chooser opened by the button next to the hidden input. */
async function pick(page: Page, buttonName: string | RegExp, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: buttonName }).click();
  await (await chooser).setFiles(files);
}

/** `count` CIFAR-10 records: label k % 10, and a red plane of brightness 25·label (G and B zero). */
function cifarBatch(count: number): Buffer {
  const b = Buffer.alloc(count * 3073);
  for (let k = 0; k < count; k++) {
    b[k * 3073] = k % 10;
    b.fill(25 * (k % 10), k * 3073 + 1, k * 3073 + 1 + 1024);
  }
  return b;
}

test('CIFAR-10 batch files: a truncated file is refused, a good one is imported with its classes and trains', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`method=simclr&${TINY}&projHidden=16&projDim=8`);

  await pick(page, /CIFAR-10 batch files/, [{ name: 'data_batch_1.bin', mimeType: 'application/octet-stream', buffer: cifarBatch(300).subarray(0, 3073 * 2 + 5) }]);
  await expect(page.getByTestId('import-message')).toHaveText(/Nothing was imported: data_batch_1\.bin: 6151 bytes is not a multiple of 3073/);

  await pick(page, /CIFAR-10 batch files/, [{ name: 'data_batch_1.bin', mimeType: 'application/octet-stream', buffer: cifarBatch(300) }]);
  await expect(page.getByTestId('import-message')).toHaveText('Imported 300 images in 10 class(es).');
  await expect(page.getByTestId('dataset-select')).toHaveValue('cifar10');
  const counts = page.getByTestId('class-count');
  await expect(counts).toHaveCount(10);
  await expect(counts.first()).toHaveText('airplane 30');
  await expect(counts.nth(9)).toHaveText('truck 30');
  expect(page.url()).toContain('dataset=cifar10');

  await app.start();
  await app.waitForSteps(6);
  expect(await app.probeAccuracy()).toBeGreaterThanOrEqual(0);
});

test('a link to a dataset this browser does not have names it, and Start says what to import', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`method=simclr&${TINY}&dataset=own-0123456789abcdef`);
  await expect(page.getByTestId('dataset-missing')).toContainText('own-0123456789abcdef');
  await expect(page.getByTestId('dataset-select')).toHaveValue('own-0123456789abcdef');
  await app.start();
  await expect(page.getByTestId('run-state')).toHaveText('error');
  await expect(page.getByText(/Import the same folder or zip/).first()).toBeVisible();
});

test('a folder of PNGs picked through the file chooser: class counts from sub-folders, a broken file named, a run trains on it', async ({ page }, testInfo) => {
  // 34 cats (reddish, wide) and 26 dogs (bluish, tall), plus one file that is not an image.
  const dir = testInfo.outputPath('pets');
  for (const [cls, n, w, h, tint] of [['cat', 34, 40, 24, 0], ['dog', 26, 20, 36, 2]] as const) {
    mkdirSync(join(dir, cls), { recursive: true });
    for (let i = 0; i < n; i++) {
      writeFileSync(join(dir, cls, `${cls}-${i}.png`), png(w, h, (x, y) => {
        const c: [number, number, number] = [40, 40, 40];
        c[tint] = (x * 7 + y * 5 + i * 13) % 256;
        return c;
      }));
    }
  }
  writeFileSync(join(dir, 'dog', '<b>broken<i>.png'), Buffer.from('this is not a png'));

  const app = new Playground(page);
  await app.open(`method=simclr&${TINY}&projHidden=16&projDim=8`);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Folder of images…' }).click();
  await (await chooser).setFiles(dir);

  await expect(page.getByTestId('import-message')).toHaveText('Imported 60 images in 2 class(es); 1 file(s) skipped (listed below).');
  await expect(page.getByTestId('import-skipped')).toContainText('pets/dog/<b>broken<i>.png: not an image this browser can decode');
  const counts = page.getByTestId('class-count');
  await expect(counts).toHaveText(['cat 34', 'dog 26']);
  const key = await page.getByTestId('dataset-select').inputValue();
  expect(key).toMatch(/^own-[0-9a-f]{16}$/);
  expect(page.url()).toContain(`dataset=${key}`);
  // Sizes were fitted to 60 images: 20 unlabelled, 20 + 20 for the probe.
  expect(new URL(page.url()).searchParams.get('n')).toBe('20');

  await app.start();
  await app.waitForSteps(6);
  expect(await app.probeAccuracy()).toBeGreaterThanOrEqual(0);

  // A reload keeps the images (IndexedDB): the same link trains again without importing.
  await page.reload();
  await expect(page.getByTestId(`stored-${key}`)).toBeVisible();
  await expect(page.getByTestId('dataset-missing')).toHaveCount(0);
});

test('augmentation studio: N images × M views, the method’s RGB pipeline, regenerated on every change', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`method=byol&${TINY}&dataset=shapes`);
  await page.getByTestId('method-pipeline').click();
  await expect.poll(() => new URL(page.url()).searchParams.get('asymmetric')).toBe('1');
  expect(new URL(page.url()).searchParams.get('solarize')).toBe('1');

  await page.getByTestId('studio-images').selectOption('3');
  await page.getByTestId('studio-views').selectOption('4');
  const grid = page.getByTestId('studio-grid');
  await expect(grid.locator('canvas')).toHaveCount(3 * 5);
  await expect(grid).toContainText('view 4 (BYOL 2)');

  /** Whether every view canvas of the grid is grey (R = G = B everywhere). */
  const viewsGrey = () =>
    grid.evaluate((el) =>
      Array.from(el.querySelectorAll('canvas'))
        .filter((c) => !(c.getAttribute('aria-label') ?? '').endsWith('original'))
        .every((c) => {
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          for (let i = 0; i < d.length; i += 4) if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) return false;
          return true;
        }),
    );
  expect(await viewsGrey()).toBe(false);
  await page.getByTestId('knob-grayP').fill('1');
  await page.getByTestId('knob-grayP').blur();
  await expect.poll(viewsGrey).toBe(true);
});

test('Shapes: a run shows one linear probe per factor beside chance and random init', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`method=simclr&${TINY}&dataset=shapes&projHidden=16&projDim=8`);
  await app.start();
  await app.waitForSteps(6);
  const rows = page.getByTestId('factor-probes').locator('tbody tr');
  await expect(rows).toHaveCount(6);
  await expect(page.getByTestId('factor-probe-colour')).toContainText('16.7%');
  const cells = await page.getByTestId('factor-probe-colour').locator('td').allTextContents();
  for (const c of cells) expect(c).toMatch(/^\d+\.\d%$/);
});
