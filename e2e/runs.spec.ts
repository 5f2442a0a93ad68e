import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { realRunJson } from '../src/state/runs/fixture';
import { Playground, putRawRecord, TINY } from './playground';

/**
 * Saved runs against real IndexedDB in real Chromium. Each test gets a fresh browser context, so a
 * fresh, empty database; a reload within a test keeps it, as it does for a person.
 */

const EMPTY = 'Finished runs are saved in this browser.';

const jsonFile = (name: string, data: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)) });

function savedRuns(page: Page) {
  return page.getByTestId('saved-run');
}


test('a finished run is saved, survives a reload, View restores its charts and config, Delete removes it', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`method=rotation&${TINY}&seed=5`);
  const panel = page.getByTestId('saved-runs');
  await expect(panel).toContainText(EMPTY);
  const controls = await app.controlValues();

  await app.start();
  await app.waitForSteps(6);
  const probe = await app.probeAccuracy();
  await expect(savedRuns(page)).toHaveCount(1);
  const row = savedRuns(page).first();
  await expect(row).toContainText('Rotation prediction');
  await expect(row.getByTestId('saved-run-steps')).toHaveText('6 steps');
  await expect(row.getByTestId('saved-run-outcome')).toHaveText('completed');
  await expect(row.getByTestId('saved-run-backend')).toHaveText('wasm');
  expect(Number(await row.getByTestId('saved-run-probe').getAttribute('data-value'))).toBeCloseTo(probe, 6);
  await expect(panel).not.toContainText(EMPTY);

  await page.reload();
  await expect(savedRuns(page)).toHaveCount(1);

  // Open another experiment: empty charts, other controls. View brings the saved one back.
  await app.open('method=simclr&steps=40&seed=2');
  await expect(savedRuns(page)).toHaveCount(1);
  expect(await app.chartPoints('chart-loss')).toBe(0);
  expect((await app.controlValues())['method-select']).toBe('simclr');
  await savedRuns(page).first().getByTestId('view-run').click();
  await expect.poll(() => app.chartPoints('chart-loss')).toBe(6);
  expect(await app.probeAccuracy()).toBeCloseTo(probe, 6);
  expect(await app.controlValues()).toEqual(controls);
  await expect(app.stepCounter()).toHaveText('6 / 6');
  const url = new URL(page.url());
  expect(url.searchParams.get('method')).toBe('rotation');
  expect(url.searchParams.get('seed')).toBe('5');
  expect(url.searchParams.get('steps')).toBe('6');
  await expect(page.getByTestId('export-run')).toBeEnabled();

  await savedRuns(page).first().getByTestId('delete-run').click();
  await expect(savedRuns(page)).toHaveCount(0);
  await expect(panel).toContainText(EMPTY);
  await page.reload();
  await expect(panel).toContainText(EMPTY);
  await expect(savedRuns(page)).toHaveCount(0);
});

test('a malformed file is refused with its reasons and the list stays; an exported run imports back', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`method=rotation&${TINY}`);
  await app.start();
  await app.waitForSteps(6);
  await expect(savedRuns(page)).toHaveCount(1);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-run').click()]);
  const exportedName = download.suggestedFilename();
  expect(exportedName).toBe('ssl-run-rotation-1.json');
  const exported = readFileSync((await download.path())!, 'utf8');
  const importer = page.getByTestId('import-run');
  const errors = page.getByTestId('import-error');

  const broken = JSON.parse(exported);
  broken.config.method = 'word2vec';
  broken.final.probeAccuracy = 'high';
  delete broken.history;
  await importer.setInputFiles(jsonFile('broken.json', broken));
  await expect(errors).toBeVisible();
  await expect(errors).toContainText('broken.json was not imported');
  await expect(errors).toContainText('config.method: unknown method "word2vec"');
  await expect(errors).toContainText('history: missing');
  await expect(errors).toContainText('final.probeAccuracy: expected a number, got "high"');
  await expect(savedRuns(page)).toHaveCount(1);

  await importer.setInputFiles(jsonFile('notes.json', '{"config": {'));
  await expect(errors).toContainText('notes.json was not imported');
  await expect(errors).toContainText('not JSON');
  await expect(savedRuns(page)).toHaveCount(1);

  // The same run twice is one run.
  await importer.setInputFiles(jsonFile(exportedName, exported));
  await expect(errors).toContainText('this run is saved already');
  await expect(savedRuns(page)).toHaveCount(1);

  await savedRuns(page).first().getByTestId('delete-run').click();
  await expect(savedRuns(page)).toHaveCount(0);
  await importer.setInputFiles(jsonFile(exportedName, exported));
  await expect(savedRuns(page)).toHaveCount(1);
  await expect(errors).toHaveCount(0);
  await expect(savedRuns(page).first().getByTestId('saved-run-steps')).toHaveText('6 steps');

  // Imported means saved: it is there after a reload, and it views like the original.
  await app.open('method=simclr');
  await expect(savedRuns(page)).toHaveCount(1);
  await savedRuns(page).first().getByTestId('view-run').click();
  await expect.poll(() => app.chartPoints('chart-loss')).toBe(6);
  expect((await app.controlValues())['method-select']).toBe('rotation');
});

test('a corrupt record in IndexedDB is skipped and named; the good ones still list', async ({ page }) => {
  const app = new Playground(page);
  await app.open('method=simclr');
  await expect(page.getByTestId('saved-runs')).toContainText(EMPTY);
  await page.getByTestId('import-run').setInputFiles(jsonFile('run.json', realRunJson()));
  await expect(savedRuns(page)).toHaveCount(1);

  const corrupt = { ...realRunJson(), history: 'lots', final: { ...realRunJson().final, probeAccuracy: NaN } };
  await putRawRecord(page, { id: 'corrupt-1', savedAt: 1, run: corrupt });
  await page.reload();
  await expect(savedRuns(page)).toHaveCount(1);
  const skipped = page.getByTestId('skipped-run');
  await expect(skipped).toHaveCount(1);
  await expect(skipped).toContainText('corrupt-1');
  await expect(skipped).toContainText('run.history: expected an array, got "lots"; run.final.probeAccuracy: expected a number, got NaN');

  await skipped.getByTestId('delete-skipped-run').click();
  await expect(skipped).toHaveCount(0);
  await page.reload();
  await expect(savedRuns(page)).toHaveCount(1);
  await expect(page.getByTestId('skipped-run')).toHaveCount(0);
});

test('without IndexedDB the panel says so and keeps runs for the page; the app still trains', async ({ page }) => {
  // What a blocked private window does: opening the database throws.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
  });
  const app = new Playground(page);
  await app.open(`method=rotation&${TINY}`);
  const notice = page.getByTestId('runs-storage-notice');
  await expect(notice).toContainText("Runs can't be saved in this browser");
  await expect(notice).toContainText('SecurityError');
  await app.start();
  await app.waitForSteps(6);
  await expect(savedRuns(page)).toHaveCount(1);
  await expect(savedRuns(page).first().getByTestId('saved-run-steps')).toHaveText('6 steps');
  // As the notice said: kept for the page only.
  await page.reload();
  await expect(notice).toBeVisible();
  await expect(savedRuns(page)).toHaveCount(0);
});
