import { expect, test } from '@playwright/test';
import { Playground, TINY } from './playground';

test('see inside: alignment/uniformity, spectrum, one map point per evaluation image, neighbour grid, probe at three label fractions', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`method=simclr&${TINY}&labelFraction=0.1&projHidden=16&projDim=8`);
  await expect(page.getByTestId('chart-probe')).toContainText('10% of labels');
  await app.start();
  await app.waitForSteps(6);

  // Readings at steps 0, 2, 4, 6 (metricsEvery=2) and 3 (probeEvery=3: a probe step is a reading too).
  expect(await app.chartPoints('chart-alignment')).toBe(5);
  const align = Number(await page.getByTestId('latest-alignment').getAttribute('data-value'));
  const unif = Number(await page.getByTestId('latest-uniformity').getAttribute('data-value'));
  expect(align).toBeGreaterThanOrEqual(0);
  expect(align).toBeLessThanOrEqual(4);
  expect(unif).toBeGreaterThanOrEqual(-4);
  expect(unif).toBeLessThanOrEqual(0);
  await expect(page.getByTestId('chart-spectrum')).toHaveAttribute('data-step', '6');
  await expect(page.getByTestId('chart-spectrum')).toHaveAttribute('data-count', '8');

  // probeTest=100: the evaluation images are those 100, one point each, in both spaces.
  const map = page.getByTestId('embedding-map');
  await expect(map).toHaveAttribute('data-count', '100');
  await expect(map).toHaveAttribute('data-points', '100');
  await page.getByTestId('map-space').selectOption('backbone');
  await expect(map).toHaveAttribute('data-space', 'backbone');
  await expect(map).toHaveAttribute('data-points', '100');
  await page.getByTestId('map-umap').check();
  await page.getByTestId('map-umap-compute').click();
  await expect(map).toHaveAttribute('data-projection', 'umap');
  await expect(map).toHaveAttribute('data-points', '100', { timeout: 60_000 });

  // 8 queries × 8 neighbours; clicking a neighbour makes it the query.
  const grid = page.getByTestId('neighbour-grid');
  await expect(grid.locator('canvas')).toHaveCount(8 * 9);
  const firstNeighbour = grid.locator('.inside-neighbours__cell:not(.inside-neighbours__query)').first();
  await firstNeighbour.click();
  const q0 = await page.getByTestId('nn-query-0').getAttribute('data-index');
  expect(Number(q0)).toBeGreaterThanOrEqual(0);

  for (const f of ['1', '0.1', '0.01']) {
    const v = Number(await page.getByTestId(`probe-fraction-${f}`).getAttribute('data-value'));
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
  await expect(page.getByTestId('error-list')).toHaveCount(0);
});
