import { expect, test, type Page } from '@playwright/test';
import { Playground, TINY } from './playground';

/**
 * Nothing replaced without asking (issue 8): Start over an interrupted run offers Resume it /
 * Discard it and start the new run / Cancel, by keyboard; View over edited settings asks, and once
 * applied the changed controls are scrolled to, marked for a moment and announced.
 */

// Long enough to be interrupted; a checkpoint every 10 steps (worker/session.ts).
const LONG = 'method=moco&backend=wasm&steps=400&batch=8&n=64&width=4&probeTrain=100&probeTest=100&probeEvery=0&metricsEvery=2&queueSize=32&seed=3';
const stepNow = async (app: Playground) => Number((await app.stepCounter().textContent())?.split(' / ')[0]);

/** Starts LONG (or lets the running run go on past `after`), waits for a checkpoint, reloads: an interrupted run is listed. Returns its step. */
async function interruptRun(page: Page, app: Playground, after = 0): Promise<number> {
  if (after === 0) await app.start();
  const note = page.getByTestId('checkpoint-note');
  await expect.poll(async () => Number((await note.textContent())?.match(/step (\d+)/)?.[1] ?? 0)).toBeGreaterThan(after);
  page.once('dialog', (d) => void d.accept());
  await page.reload();
  await expect(page.getByTestId('interrupted-run')).toBeVisible();
  return Number(await page.getByTestId('interrupted-step').textContent());
}

test('Start over an interrupted run asks first: Escape cancels, Resume it goes on, Discard starts anew', async ({ page }) => {
  const app = new Playground(page);
  await app.open(LONG);
  const at = await interruptRun(page, app);
  const question = page.getByTestId('question');

  // Keyboard only: focus Start, Enter; the dialog takes focus on its first choice; Escape is Cancel.
  await page.getByTestId('start').focus();
  await page.keyboard.press('Enter');
  await expect(question).toBeVisible();
  await expect(question).toContainText(`The MoCo run interrupted at step ${at} of 400 is kept`);
  await expect(page.getByTestId('ask-resume')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(page.getByTestId('start')).toBeFocused();
  await expect(page.getByTestId('run-state')).toHaveText('idle');
  await expect(page.getByTestId('interrupted-run')).toBeVisible();

  // Resume it (Enter on the focused choice): the run goes on from its checkpoint, not from 0.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ask-resume')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await expect(page.getByTestId('interrupted-run')).toHaveCount(0);
  await expect.poll(() => stepNow(app)).toBeGreaterThan(at);

  // Interrupted again; now Discard it and start the new run (Tab to the second choice).
  const again = await interruptRun(page, app, at);
  expect(again).toBeGreaterThan(at);
  await page.getByTestId('start').click();
  await expect(page.getByTestId('ask-resume')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('ask-discard')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('interrupted-run')).toHaveCount(0);
  await expect(page.getByTestId('run-state')).toHaveText('running');
  // A new run: its counter starts below where the discarded one was.
  expect(await stepNow(app)).toBeLessThan(again);
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('run-state')).toHaveText('stopped');
});

test('View over edited settings asks first; once applied, the changed controls are shown, marked and announced', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`${TINY}&seed=3`);
  await app.start();
  await app.waitForSteps(6);
  await expect(page.getByTestId('saved-run')).toHaveCount(1);

  // A fresh page with another seed, then one edit: batch 8 → 16.
  await app.open(`${TINY}&seed=5`);
  const batch = page.getByTestId('knob-batch');
  await batch.fill('16');
  await batch.press('Enter');
  await expect(batch).toHaveValue('16');

  const view = page.getByTestId('view-run');
  await view.click();
  const question = page.getByTestId('question');
  await expect(question).toContainText('You changed Batch size 8 → 16.');
  // Every choice replaces the edits, so Cancel has the focus; Escape keeps them.
  await expect(page.getByTestId('ask-cancel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(batch).toHaveValue('16');
  await expect(page.getByTestId('saved-run').first()).not.toHaveAttribute('aria-current', 'true');

  await view.click();
  await page.getByTestId('ask-view').click();
  await expect(batch).toHaveValue('8');
  await expect(page.getByTestId('knob-seed')).toHaveValue('3');
  // Marked: the two changed controls, and no other; the first scrolled into view; said in words.
  const marked = page.locator('[data-changed="true"]');
  await expect(marked).toHaveCount(2);
  await expect(marked.filter({ has: page.getByTestId('knob-seed') })).toHaveCount(1);
  await expect(marked.filter({ has: batch })).toHaveCount(1);
  await expect(page.getByTestId('knob-seed')).toBeInViewport();
  await expect(page.getByTestId('settings-changed')).toHaveText('Showing the saved run. 2 settings changed: Seed 5 → 3, Batch size 16 → 8.');
  await expect(page.getByTestId('settings-changed')).toHaveAttribute('role', 'status');
  // Short-lived: gone after a few seconds.
  await expect(marked).toHaveCount(0, { timeout: 10_000 });

  // Nothing edited: View applies without asking.
  await app.open(`${TINY}&seed=5`);
  await view.click();
  await expect(page.getByTestId('saved-run').first()).toHaveAttribute('aria-current', 'true');
  await expect(question).toBeHidden();
  await expect(page.getByTestId('settings-changed')).toHaveText('Showing the saved run. 1 setting changed: Seed 5 → 3.');
});
