import { expect, test } from '@playwright/test';
import { Playground, TINY } from './playground';

/** The queue in real Chromium: runs one after another on WASM, kept over a reload (localStorage). */

test('three queued runs: a reload after the first restarts the second from step 0, and all three end saved', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`method=rotation&${TINY}&seed=1`);
  const entries = page.getByTestId('queue-entry');
  for (const seed of [1, 2, 3]) {
    await page.getByTestId('knob-seed').fill(String(seed));
    await page.getByTestId('knob-seed').blur();
    await page.getByTestId('add-to-queue').click();
    await expect(entries).toHaveCount(seed);
  }
  // Queued, not started: a person may still reorder or remove.
  await expect(page.getByTestId('run-state')).toHaveText('idle');
  await expect(entries.getByTestId('queue-entry-state')).toHaveText(['waiting', 'waiting', 'waiting']);
  await expect(entries.nth(1)).toContainText('seed 2');
  await page.getByTestId('run-queue').click();

  await expect(page.getByTestId('saved-run')).toHaveCount(1, { timeout: 200_000 });
  await expect(entries.nth(0).getByTestId('queue-entry-state')).toHaveText('saved');
  // The page asks before leaving a run in progress (beforeunload); the person says leave.
  page.on('dialog', (d) => void d.accept());
  await page.reload();

  // Six steps keep no checkpoint (one every 10 steps or 30 s): nothing to resume, so it restarts from 0.
  await expect(page.getByTestId('queue-notice')).toContainText('else from step 0');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0).getByTestId('queue-entry-state')).toHaveText('saved');
  await expect(entries.getByTestId('queue-entry-state')).toHaveText(['saved', 'saved', 'saved'], { timeout: 200_000 });
  await expect(page.getByTestId('saved-run')).toHaveCount(3);
  const seeds = await page.getByTestId('saved-run').evaluateAll((rows) => rows.map((r) => r.textContent?.match(/seed (\d+)/)?.[1]));
  expect(seeds.sort()).toEqual(['1', '2', '3']);
  // Every finished run joined the comparison.
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-runs', '2');
});

test('a reload during a queued run that kept a checkpoint offers to resume that entry, and it goes on from there', async ({ page }) => {
  const app = new Playground(page);
  // Long enough to be interrupted; a checkpoint every 10 steps (worker/session.ts).
  await app.open('method=rotation&backend=wasm&steps=400&batch=8&n=64&width=4&probeTrain=100&probeTest=100&probeEvery=0&metricsEvery=2&seed=4');
  await page.getByTestId('add-to-queue').click();
  await page.getByTestId('run-queue').click();
  const note = page.getByTestId('checkpoint-note');
  await expect.poll(async () => Number((await note.textContent())?.match(/step (\d+)/)?.[1] ?? 0)).toBeGreaterThan(0);
  page.on('dialog', (d) => void d.accept());
  await page.reload();

  // The queue does not start it anew: it asks, naming the kept step.
  const question = page.getByTestId('question');
  await expect(question).toContainText('The page was reloaded while the queued Rotation prediction run was training');
  const at = Number(await page.getByTestId('interrupted-step').textContent());
  await expect(question).toContainText(`kept at step ${at} of 400`);
  await expect(page.getByTestId('run-state')).toHaveText('idle');
  await page.getByTestId('ask-resume').click();
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await expect(page.getByTestId('interrupted-run')).toHaveCount(0);
  await expect.poll(async () => Number((await app.stepCounter().textContent())?.split(' / ')[0])).toBeGreaterThan(at);
  await expect(page.getByTestId('queue-entry').getByTestId('queue-entry-state')).toHaveText('running');
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('run-state')).toHaveText('stopped');
});
