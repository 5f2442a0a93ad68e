import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { findTorchPython } from '../src/core/export/python';
import { realRunJson } from '../src/state/runs/fixture';
import { Playground } from './playground';

/**
 * Export as PyTorch in real Chromium: the zip downloads, unpacks, trains with train.py (when a Python with
 * torch is at hand), and its run JSON imports into the app and overlays a browser run, labelled with where
 * it ran.
 */
const torch = findTorchPython();
const TINY = 'method=simclr&backend=wasm&steps=3&batch=16&n=128&width=4&probeTrain=40&probeTest=40&metricsEvery=1&probeEvery=0';

test('an experiment the export cannot carry (the browser-generated shapes): the button is off and says why', async ({ page }) => {
  const app = new Playground(page);
  await app.open('method=simclr&dataset=shapes&backend=wasm');
  await expect(page.getByTestId('export-pytorch')).toBeDisabled();
  await expect(page.getByTestId('export-pytorch-problems')).toContainText('dataset shapes is generated inside the browser');
});

test('Export as PyTorch → train.py → the run imports and overlays a browser run, labelled with where it ran', async ({ page }) => {
  test.skip(!torch.python, torch.reason);
  const app = new Playground(page);
  await app.open(TINY);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-pytorch').click();
  const zip = await (await download).path();
  expect((await (await download).suggestedFilename())).toBe('ssl-playground-simclr-seed1.zip');

  const dir = mkdtempSync(join(tmpdir(), 'e2e-export-'));
  const unzip = spawnSync(torch.python!, ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, dir], { encoding: 'utf8' });
  expect(unzip.status, unzip.stderr).toBe(0);
  const project = join(dir, 'ssl-playground-simclr-seed1');
  const exported = JSON.parse(readFileSync(join(project, 'config.json'), 'utf8'));
  expect(exported.config.batch).toBe(16);
  expect(exported.source).toContain('method=simclr');
  const data = join(process.cwd(), 'public', 'data');
  const train = spawnSync(torch.python!, ['train.py', '--data', data, '--threads', '1', '--out', 'run.json'], { cwd: project, encoding: 'utf8' });
  expect(train.status, train.stderr.slice(-2000)).toBe(0);
  const runText = readFileSync(join(project, 'run.json'), 'utf8');
  const backend = JSON.parse(runText).backend as string;
  expect(backend).toMatch(/^PyTorch .+ on .+: 1 process, CPU$/);

  await page.getByTestId('import-run').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(runText) });
  await page.getByTestId('import-run').setInputFiles({ name: 'browser.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(realRunJson())) });
  await expect(page.getByTestId('saved-run')).toHaveCount(2);
  // Newest first: the browser run imported second is listed first.
  await expect(page.getByTestId('saved-run-backend')).toHaveText(['wasm', backend]);
  const ticks = page.getByTestId('saved-run').getByTestId('compare-tick');
  for (let i = 0; i < 2; i++) {
    await ticks.nth(i).click();
    await expect(ticks.nth(i)).toBeChecked();
  }
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-runs', '2');
  const legend = await page.getByTestId('compare-legend-item').allTextContents();
  expect(legend.filter((l) => l.includes('SimCLR') && l.includes(` · ${backend}`))).toHaveLength(1);
  expect(legend.filter((l) => !l.includes('PyTorch'))).toHaveLength(1);
});

test('a run of the exported train.py with --no-eval imports, listed with "no probe" rather than a number', async ({ page }) => {
  test.skip(!torch.python, torch.reason);
  const app = new Playground(page);
  await app.open(TINY);
  const dir = mkdtempSync(join(tmpdir(), 'e2e-noeval-'));
  const cli = spawnSync('npx', ['tsx', 'scripts/export.ts', `?${TINY}`, '--out', join(dir, 'project')], { encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  const train = spawnSync(torch.python!, ['train.py', '--data', join(process.cwd(), 'public', 'data'), '--threads', '1', '--no-eval', '--out', 'run.json'], { cwd: join(dir, 'project'), encoding: 'utf8' });
  expect(train.status, train.stderr.slice(-2000)).toBe(0);
  const runText = readFileSync(join(dir, 'project', 'run.json'), 'utf8');
  expect(JSON.parse(runText).final).not.toHaveProperty('probeAccuracy');
  await page.getByTestId('import-run').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(runText) });
  await expect(page.getByTestId('saved-run')).toHaveCount(1);
  await expect(page.getByTestId('saved-run-probe')).toHaveText('no probe');
  await expect(page.getByTestId('saved-run-outcome')).toHaveText('completed');
  // It overlays in the comparison like any run: its loss curve, no probe point.
  await page.getByTestId('saved-run').getByTestId('compare-tick').click();
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-runs', '1');
});
