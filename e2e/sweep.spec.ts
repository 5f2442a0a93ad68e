import { expect, test } from '@playwright/test';
import { TINY_METHOD_QUERIES } from '../src/core/methods/tinyQueries';
import { Playground, TINY } from './playground';

/** The sweep builder fills the queue with the cross product; the summary chart plots it. */

test('a maskRatio × seeds sweep from the builder runs, saves, and is summarised per value', async ({ page }) => {
  const app = new Playground(page);
  // MAE's tiny ViT: what is under test is the builder, the queue and the summary, not MAE's default size.
  await app.open(`method=mae&${TINY}&probeEvery=0&${TINY_METHOD_QUERIES.mae}`);
  await page.getByTestId('sweep-knob').selectOption('maskRatio');
  await page.getByTestId('sweep-values').fill('0.25,1.5');
  await expect(page.getByTestId('sweep-errors')).toContainText('maskRatio=0.25,1.5: 1.5 is not allowed; maskRatio takes a number in');
  await page.getByTestId('sweep-values').fill('0.25,0.75');
  await page.getByTestId('sweep-seeds').fill('1,2');
  await expect(page.getByTestId('sweep-preview')).toHaveAttribute('data-runs', '4');
  await expect(page.getByTestId('sweep-preview')).toContainText('time unknown until a run has been measured');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('queue-entry')).toHaveCount(4);
  await expect(page.getByTestId('queue-entry-state')).toHaveText(['saved', 'saved', 'saved', 'saved'], { timeout: 200_000 });
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-runs', '4');
  // Measured now: the preview estimates the time.
  await expect(page.getByTestId('sweep-preview')).toContainText(/roughly \d+:\d\d of training/);
  const summary = page.getByTestId('sweep-summary');
  await expect(summary).toHaveAttribute('data-knob', 'maskRatio');
  await expect(summary).toHaveAttribute('data-points', '2');
  await expect(summary.locator('.recharts-errorBar')).toHaveCount(2);
  await page.getByTestId('summary-metric').selectOption('l2NormalizedStd');
  await expect(summary).toContainText('final std against maskRatio');
  // The table's rows are the four runs, labelled by seed and ratio.
  await expect(page.getByTestId('compare-row')).toHaveCount(4);
  await expect(page.getByTestId('compare-legend-item').first()).toContainText('MAE · seed 1 · maskRatio 0.25');
});
