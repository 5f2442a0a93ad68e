import { expect, test } from '@playwright/test';
import { METHOD_KEYS } from '../src/core/config/methods';
import { TINY_METHOD_QUERIES } from '../src/core/methods/tinyQueries';
import { Playground } from './playground';

// Every method's own picture (issue 12) draws real content after a few steps: a canvas with pixels
// that are not all one colour, or bars with a height. Tiny configs on WASM.
const TINY = 'backend=wasm&steps=3&batch=16&n=128&width=4&probeTrain=40&probeTest=40&probeEvery=0&metricsEvery=1';

for (const method of METHOD_KEYS) {
  test(`${method}: its picture panel draws non-empty content`, async ({ page }) => {
    const app = new Playground(page);
    await app.open(`method=${method}&${TINY}&${TINY_METHOD_QUERIES[method]}`);
    await app.start();
    await app.waitForSteps(3);
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
