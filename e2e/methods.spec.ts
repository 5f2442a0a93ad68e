import { expect, test } from '@playwright/test';
import { METHOD_KEYS } from '../src/core/config/methods';
import { Playground } from './playground';

// Every registered method starts from its URL and advances 3 steps with finite losses (tiny config,
// WASM: the fastest backend on CPU-only machines).
const TINY = 'backend=wasm&steps=3&batch=8&n=64&width=4&probeTrain=100&probeTest=100&probeEvery=0&metricsEvery=1';

for (const method of METHOD_KEYS) {
  test(`${method} trains 3 steps from its URL`, async ({ page }) => {
    const app = new Playground(page);
    await app.open(`method=${method}&${TINY}`);
    await expect(page.getByTestId('url-notice')).toHaveCount(0);
    await expect(page.getByTestId('method-select')).toHaveValue(method);
    await app.start();
    await app.waitForSteps(3);
    expect(await app.chartPoints('chart-loss')).toBe(3);
    const loss = Number(await page.getByTestId('latest-loss').getAttribute('data-value'));
    expect(Number.isFinite(loss)).toBe(true);
    await expect(page.getByTestId('error-list')).toHaveCount(0);
  });
}
