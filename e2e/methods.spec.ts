import { expect, test } from '@playwright/test';
import { METHOD_KEYS } from '../src/core/config/methods';
import { Playground } from './playground';

// Every registered method starts from its URL at its own default knobs, advances 3 steps with finite
// losses, and its own picture (issue 12) draws real content through the worker: a canvas with pixels
// that are not all one colour, or bars with a height. One run per method proves both (they were two
// specs, a run each); the picture's content at the tiny switch-flipping configs is unit-tested in
// src/core/methods/pictures.test.ts. Tiny data and encoder, WASM: the fastest backend on CPU-only machines.
const TINY = 'backend=wasm&steps=3&batch=8&n=64&width=4&probeTrain=100&probeTest=100&probeEvery=0&metricsEvery=1';

for (const method of METHOD_KEYS) {
  test(`${method} trains 3 steps from its URL and its picture panel draws non-empty content`, async ({ page }) => {
    const app = new Playground(page);
    await app.open(`method=${method}&${TINY}`);
    await expect(page.getByTestId('url-notice')).toHaveCount(0);
    await expect(page.getByTestId('method-select')).toHaveValue(method);
    await app.start();
    await app.waitForSteps(3);
    expect(await app.chartPoints('chart-loss')).toBe(3);
    const loss = Number(await page.getByTestId('latest-loss').getAttribute('data-value'));
    expect(Number.isFinite(loss)).toBe(true);
    const panel = page.getByTestId('method-panel');
    await expect(panel).toHaveAttribute('data-step', '3');
    const drawn = await panel.evaluate((el) => {
      const canvases = [...el.querySelectorAll<HTMLCanvasElement>('[data-testid="snapshot-images"] canvas')];
      const varied = canvases.filter((c) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        for (let i = 4; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) return true;
        return false;
      }).length;
      const bars = [...el.querySelectorAll('[data-testid="snapshot-bars"] .recharts-bar-rectangle path')].filter((p) => (p.getBoundingClientRect().height ?? 0) > 0).length;
      return { canvases: canvases.length, varied, bars };
    });
    expect(drawn.varied + drawn.bars, JSON.stringify(drawn)).toBeGreaterThan(0);
    await expect(page.getByTestId('error-list')).toHaveCount(0);
  });
}
