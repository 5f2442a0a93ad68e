import { expect, test, type Page } from '@playwright/test';
import { Playground, TINY } from './playground';

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
