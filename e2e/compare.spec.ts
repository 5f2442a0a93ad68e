import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { realRunJson } from '../src/state/runs/fixture';
import { Playground, TINY as TINY_Q } from './playground';

/** Comparison view in real Chromium: real runs trained on WASM, real IndexedDB. */

const SMALL = 'backend=wasm&steps=24&batch=16&n=128&width=4&probeTrain=100&probeTest=100&probeEvery=8&metricsEvery=4';
/** Above this 1-minute load per core the machine, not the page, decides how long a task takes. */
const MAX_LOAD_PER_CORE = 2;
const CHARTS = ['compare-chart-loss', 'compare-chart-std', 'compare-chart-rankme', 'compare-chart-probe', 'compare-chart-knn'];

async function trainAndSave(app: Playground, query: string, saved: number): Promise<void> {
  await app.open(query);
  await app.start();
  await app.waitForSteps(24);
  await expect(app.page.getByTestId('saved-run')).toHaveCount(saved);
}

/** A tick reads the run's record from IndexedDB before the box shows as checked. */
async function tick(box: Locator): Promise<void> {
  await box.click();
  await expect(box).toBeChecked();
}

/** Lines drawn per chart: recharts puts each <Line> in a layer with its className. */
async function linesIn(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).locator('.recharts-line.compare-line path.recharts-line-curve').count();
}

test('ticked runs overlay on every shared chart, with a tooltip per step and a sortable, exportable table (README screenshot)', async ({ page }) => {
  const app = new Playground(page);
  await trainAndSave(app, `method=byol&${SMALL}`, 1);
  await trainAndSave(app, `method=byol&${SMALL}&predictor=0&ema=0`, 2);
  await trainAndSave(app, `method=byol&${SMALL}&predictor=0`, 3);
  const ticks = page.getByTestId('saved-run').getByTestId('compare-tick');
  for (let i = 0; i < 3; i++) await tick(ticks.nth(i));
  const view = page.getByTestId('compare-view');
  await expect(view).toHaveAttribute('data-runs', '3');
  await expect(page.getByTestId('compare-legend-item')).toHaveText([/BYOL · predictor off · ema on/, /BYOL · predictor off · ema off/, /BYOL · predictor on · ema on/]);
  for (const chart of CHARTS) await expect.poll(() => linesIn(page, chart), { message: chart }).toBe(3);
  // The runs share their dataset and embedding size: raw pixels and PCA are reference lines on the probe chart,
  // not charts of their own; the label-fraction probes are named, not shown by their keys.
  await expect(page.getByTestId('compare-chart-probe')).toHaveAttribute('data-references', 'raw pixels,PCA');
  await expect(page.getByTestId('compare-chart-probe').locator('.recharts-reference-line')).toHaveCount(2);
  await expect(page.getByTestId('compare-chart-extra-pixelProbeAccuracy')).toHaveCount(0);
  await expect(page.getByTestId('compare-chart-extra-probeAccuracy10pct').locator('h3')).toHaveText('Linear probe, 10% of the labels');
  // Smoothing on: one faint raw line per run under the loss lines.
  await expect(page.getByTestId('compare-chart-loss').locator('.recharts-line.compare-line--raw path.recharts-line-curve')).toHaveCount(3);

  // Hovering the loss chart names every run's value at that step.
  const plot = page.getByTestId('compare-chart-loss').locator('.recharts-surface');
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  const tip = page.getByTestId('compare-tooltip');
  await expect(tip.locator('li')).toHaveCount(3);
  await expect(tip).toContainText(/^step \d+/);
  for (const li of await tip.locator('li').allTextContents()) expect(li).toMatch(/: -?\d/);

  // The table: one row per run, sorted by probe both ways.
  const rows = page.getByTestId('compare-row');
  await expect(rows).toHaveCount(3);
  const probes = async () => Number.parseFloat(await rows.nth(0).locator('[data-col="probeAccuracy"]').getAttribute('data-value') ?? 'NaN');
  const allProbes = async () => (await rows.locator('[data-col="probeAccuracy"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value')))));
  await page.getByTestId('sort-probeAccuracy').click();
  const asc = await allProbes();
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  await page.getByTestId('sort-probeAccuracy').click();
  const desc = await allProbes();
  expect(desc).toEqual([...asc].reverse());
  expect(await probes()).toBe(Math.max(...asc));

  // Differences only: of the config columns, just the two knobs that differ.
  await page.getByTestId('differences-only').check();
  const headers = await page.getByTestId('compare-table').locator('th').allTextContents();
  expect(headers.slice(0, 3).map((h) => h.replace(/[▲▼ ]/g, ''))).toEqual(['run', 'predictor', 'ema']);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
  expect(csv[0].startsWith('run,predictor,ema,steps done,outcome,wall s,final loss,probe,')).toBe(true);
  expect(csv).toHaveLength(4);
  expect(csv.slice(1).map((l) => Number(l.split(',')[7]))).toEqual(desc);

  await page.getByTestId('differences-only').uncheck();
  // Sorting scrolled the wide table sideways; the screenshot shows it from its first column.
  await page.locator('.compare-table__scroll').evaluate((el) => (el.scrollLeft = 0));
  await view.screenshot({ path: 'docs/compare.png' });
});

/** A saved run with a long history, as an import file: 12 of them stress the overlay. */
function longRun(seed: number, steps: number): unknown {
  const run = realRunJson();
  run.config = { ...run.config, seed, steps, metricsEvery: 10 };
  run.wallSeconds = 10 + seed;
  const history: Record<string, number>[] = [{ ...run.history[0], step: 0 }];
  for (let s = 1; s <= steps; s++) {
    const row: Record<string, number> = { step: s, loss: 1.4 * Math.exp(-s / (500 + 40 * seed)) + 0.05 * Math.sin(s * 0.3 + seed) };
    if (s % 10 === 0) Object.assign(row, { l2NormalizedStd: 0.03 + 0.001 * seed, rankMe: 3 + seed / 10 });
    if (s % 500 === 0) Object.assign(row, { probeAccuracy: 0.2 + seed / 100, knnAccuracy: 0.1 + seed / 100 });
    history.push(row);
  }
  run.history = history;
  run.final = { ...run.final, probeAccuracy: 0.2 + seed / 100, loss: history[steps].loss };
  return run;
}

test('twelve overlaid runs of 3000 steps: hovering causes no main-thread task over 50 ms', async ({ page }) => {
  const app = new Playground(page);
  await app.open('backend=wasm');
  const files = Array.from({ length: 12 }, (_, i) => ({ name: `run-${i}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(longRun(i + 1, 3000))) }));
  for (const f of files) await page.getByTestId('import-run').setInputFiles(f);
  await expect(page.getByTestId('saved-run')).toHaveCount(12);
  const ticks = page.getByTestId('saved-run').getByTestId('compare-tick');
  for (let i = 0; i < 12; i++) await tick(ticks.nth(i));
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-runs', '12');
  for (const chart of CHARTS) await expect.poll(() => linesIn(page, chart), { message: chart }).toBe(12);

  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
  const plot = page.getByTestId('compare-chart-loss').locator('.recharts-surface');
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  for (let k = 0; k <= 40; k++) await page.mouse.move(box.x + 60 + ((box.width - 90) * k) / 40, box.y + box.height / 2);
  await expect(page.getByTestId('compare-tooltip').locator('li')).toHaveCount(12);
  await page.waitForTimeout(300);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const loadPerCore = loadavg()[0] / cpus().length;
  console.log(`main-thread tasks over 50 ms while hovering 12 runs: ${JSON.stringify(longTasks.map((d) => Math.round(d)))} (load ${loadPerCore.toFixed(1)} per core)`);
  // A long task is wall time: on a machine oversubscribed several times over (other suites running),
  // every task stretches past 50 ms whatever the page does, so the budget is only judged below that.
  if (loadPerCore > MAX_LOAD_PER_CORE) {
    test.info().annotations.push({ type: 'skipped check', description: `long-task budget not judged at load ${loadPerCore.toFixed(1)} per core` });
    return;
  }
  expect(longTasks).toEqual([]);
});

test('a comparison link shows its runs and starts nothing until Run all; hostile values are refused as text; hide= hides groups; Share gives the same set back', async ({ page }) => {
  const base = `method=rotation&${TINY_Q}&seed=1`;
  const hostile = `run=${encodeURIComponent('<img src=x onerror="window.__xss=1">')}:1&run=lr:1e308&run=seed:${'7'.repeat(100_000)}&run=steps:NaN&run=${encodeURIComponent('<script>window.__xss=2</script>')}`;
  // In the fragment: a 100k-character query would be refused by the server before the app sees it.
  await page.goto(`/#${base}&run=&run=seed:2&${hostile}&hide=augment,share`);
  await expect(page.getByTestId('linked-run')).toHaveCount(2);
  const notice = page.getByTestId('url-notice');
  await expect(notice).toContainText('run 3 was left out: rotation has no knob "<img src=x onerror="window.__xss=1">"');
  await expect(notice).toContainText('run 4 was left out: lr=1e308 is not a number');
  await expect(notice).toContainText('(100000 characters)');
  await expect(notice).toContainText('run 6 was left out: steps=NaN');
  await expect(notice).toContainText('<script>window.__xss=2</script>');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect((await notice.textContent())!.length).toBeLessThan(3000);
  // hide=augment,share: those groups are not shown; the rest is.
  await expect(page.locator('[data-group="augment"]')).toBeHidden();
  await expect(page.getByTestId('share')).toBeHidden();
  await expect(page.getByTestId('knob-steps')).toBeVisible();
  // Never starts by itself.
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('run-state')).toHaveText('idle');
  await expect(page.getByTestId('saved-run')).toHaveCount(0);

  await page.getByTestId('run-all').click();
  await expect(page.getByTestId('queue-entry-state')).toHaveText(['saved', 'saved'], { timeout: 200_000 });
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-runs', '2');
  await page.getByTestId('share-comparison').click();
  const link = await page.getByTestId('share-comparison-link').inputValue();
  const q = new URL(link).searchParams;
  expect(q.getAll('run').length).toBe(2);
  expect(q.get('hide')).toBe('augment,share');
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByTestId('linked-run')).toHaveText(await page.getByTestId('compare-legend-item').allTextContents().then((t) => t.map((x) => x.replace('×', '').trim())));
});

test('Experiments to try: each preset is a comparison link that lists its runs and waits for Run all', async ({ page }) => {
  const app = new Playground(page);
  await app.open('backend=wasm');
  const presets = page.getByTestId('preset');
  await expect(presets).toHaveCount(10);
  await expect(presets.first()).toContainText('4 runs · 0:54 on WASM');
  // A preset that replays a lecture table lists its rows (not a cross product) and names the table.
  const moco = page.locator('[data-testid="preset"][data-key="moco-ablation"]');
  await expect(moco).toContainText('6 runs');
  await moco.locator('summary').click();
  await expect(moco.getByTestId('preset-replays')).toContainText('Table 1');
  await expect(moco.getByTestId('preset-replays')).toContainText('docs/FINDINGS.md#moco-ablation');
  await presets.first().getByTestId('preset-link').click();
  await expect(page.getByTestId('linked-run')).toHaveText(['BYOL · predictor on · ema on', 'BYOL · predictor on · ema off', 'BYOL · predictor off · ema on', 'BYOL · predictor off · ema off']);
  await expect(page.getByTestId('url-notice')).toHaveCount(0);
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('run-state')).toHaveText('idle');
});
