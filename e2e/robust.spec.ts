import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { realRunJson } from '../src/state/runs/fixture';
import { Playground, putRawRecord, TINY } from './playground';

/**
 * Issue 8 in the real browser: a bad stored record cannot blank the page, hostile links cannot widen
 * it, Start is two Tab presses away, a phone sees the run bar first, and axe-core finds no serious or
 * critical violation on the main page, a running page and the saved-runs view.
 */

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}


const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test('a saved record with a savedAt past the Date range is skipped and named; the page still works', async ({ page }) => {
  const app = new Playground(page);
  await app.open(TINY);
  await putRawRecord(page, { id: 'bad', savedAt: 8.64e15 + 1, run: realRunJson() });
  await putRawRecord(page, { id: 'long', savedAt: 5, run: { ...realRunJson(), backend: 'w'.repeat(100_000) } });
  await page.reload();
  await expect(page.getByTestId('start')).toBeVisible();
  const skipped = page.getByTestId('skipped-run');
  await expect(skipped).toHaveCount(2);
  await expect(skipped.first()).toContainText('savedAt is not a time between 1970 and the year 275760');
  expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
  await skipped.first().getByTestId('delete-skipped-run').click();
  await expect(skipped).toHaveCount(1);
});

test('hostile links: every problem named, at most 13 lines, the page no wider than the window', async ({ page }) => {
  const links = [
    `steps=${'9'.repeat(100_000)}`,
    Array.from({ length: 3000 }, (_, i) => `p${i}=1`).join('&'),
    `method=${'<b>x</b>'.repeat(5000)}&steps=0x20&batch=1e1&n=%20500%20`,
    `hide=${'a'.repeat(50_000)}&run=${'b'.repeat(50_000)}`,
    'n=9999&probeTrain=9999&probeTest=9999',
  ];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message.slice(0, 300)));
  for (const link of links) {
    // In the hash, as a shared link may carry it (the server refuses a 100k-character query with 431).
    await page.goto('about:blank');
    await page.goto(`/#${link}`);
    await expect(page.getByTestId('start'), `${link.slice(0, 40)}: ${errors.join('; ')}`).toBeVisible({ timeout: 10_000 });
    const notice = page.getByTestId('url-notice');
    await expect(notice).toBeVisible();
    expect(await notice.locator('li').count()).toBeLessThanOrEqual(13);
    expect(await pageWidth(page), link.slice(0, 40)).toBeLessThanOrEqual(1280);
    expect((await notice.textContent())!.length).toBeLessThan(6000);
  }
  await page.goto('/?n=9999&probeTrain=9999&probeTest=9999');
  await expect(page.getByTestId('url-notice')).toContainText('used probeTrain=1000, probeTest=1000, n=8000');
});

test('keyboard: the skip link is the first Tab stop and Start the second', async ({ page }) => {
  const app = new Playground(page);
  await app.open(TINY);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('skip-link')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('start')).toBeFocused();
  // The skip link itself lands on the run bar.
  await page.getByTestId('skip-link').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-bar')).toBeFocused();
});

test('phone 390×844: the run bar and charts first, the controls collapsed into sections, no sideways scroll, axe clean', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`/?${TINY}`);
  const start = page.getByTestId('start');
  await expect(start).toBeInViewport();
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  // Every part of the controls is a collapsed section: its summary shows, its controls do not.
  const sections = page.locator('details.section');
  expect(await sections.count()).toBeGreaterThanOrEqual(8);
  expect(await sections.evaluateAll((ds) => ds.filter((d) => (d as HTMLDetailsElement).open).length)).toBe(0);
  await expect(page.getByTestId('method-select')).toBeHidden();
  await expect(page.getByTestId('saved-runs')).toBeHidden();
  // Results before controls: the loss chart comes before the first section.
  const [chart, first] = await Promise.all([page.getByTestId('chart-loss').boundingBox(), page.getByTestId('section-method').boundingBox()]);
  expect(chart!.y).toBeLessThan(first!.y);
  expect(await seriousViolations(page)).toEqual([]);
  // A section opens from the keyboard (its summary is a native disclosure), and still nothing scrolls sideways.
  const summary = page.getByTestId('section-training').locator('summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('knob-batch')).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  // At the bottom of the page the run bar is still in view, and Start works from there.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(page.getByTestId('run-bar')).toBeInViewport();
  await start.click();
  await expect(page.getByTestId('run-state')).not.toHaveText('idle');
  await expect(page.getByTestId('run-state')).toHaveText('done');
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await context.close();
});

test('wide screen: the sections are open and their summaries hidden; crossing the phone breakpoint collapses them, widening opens them', async ({ page }) => {
  const app = new Playground(page);
  await app.open(TINY);
  const sections = page.locator('details.section');
  expect(await sections.evaluateAll((ds) => ds.every((d) => (d as HTMLDetailsElement).open))).toBe(true);
  await expect(page.locator('summary.section__summary').first()).toBeHidden();
  await expect(page.getByTestId('method-select')).toBeVisible();

  // Crossing below the phone breakpoint collapses them, as a fresh load at that width would.
  const openCount = () => sections.evaluateAll((ds) => ds.filter((d) => (d as HTMLDetailsElement).open).length);
  const total = await sections.count();
  await page.setViewportSize({ width: 600, height: 900 });
  await expect.poll(openCount).toBe(0);
  await expect(page.getByTestId('method-select')).toBeHidden();
  // One opened after the crossing stays open while the window stays narrow.
  await page.getByTestId('section-training').locator('summary').click();
  await expect(page.getByTestId('knob-batch')).toBeVisible();
  await page.setViewportSize({ width: 500, height: 900 });
  await expect(page.getByTestId('knob-batch')).toBeVisible();
  expect(await openCount()).toBe(1);
  // Wide again: every section opens.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect.poll(openCount).toBe(total);
  await expect(page.getByTestId('method-select')).toBeVisible();
});

test('Reset of a run in progress asks first; dismissing keeps the run', async ({ page }) => {
  const app = new Playground(page);
  await app.open('method=rotation&backend=wasm&steps=400&batch=8&n=64&width=4&probeTrain=100&probeTest=100&probeEvery=0&metricsEvery=50');
  await app.start();
  await expect(page.getByTestId('run-state')).toHaveText('running');
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await page.getByTestId('reset').click();
  expect(asked).toMatch(/^Reset discards the run in progress \(step \d+ of 400\)/);
  await expect(page.getByTestId('run-state')).toHaveText('running');
  // The step counter moves between metric readings (every 50 steps here): it shows a step that is not one.
  await expect.poll(async () => Number((await app.stepCounter().textContent())?.split(' / ')[0]) % 50).toBeGreaterThan(0);
  await expect(page.getByTestId('run-announcement')).toHaveText('Run started, 400 steps.');
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('run-state')).toHaveText('stopped');
});

test('axe-core: no serious or critical violations on the main page, a running page and the saved-runs view', async ({ page }) => {
  const app = new Playground(page);
  await app.open(TINY);
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto(`/?${TINY.replace('steps=6', 'steps=300')}`);
  await app.start();
  await expect(page.getByTestId('run-state')).toHaveText('running');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('saved-run')).toHaveCount(1);
  await page.getByTestId('saved-runs').scrollIntoViewIfNeeded();
  expect(await seriousViolations(page)).toEqual([]);
});
