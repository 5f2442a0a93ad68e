import { expect, test } from '@playwright/test';
import { Playground } from './playground';

// BYOL's ablation (Grill et al. 2020, Table 5b) seen on the embedding map: without the predictor and the
// EMA target the cloud collapses; with them it stays spread. The screenshots are the README's.
// Settings as src/core/methods/collapse.test.ts (width 4, batch 16, d = 8, lr 0.03), on MNIST.
const BYOL = 'method=byol&backend=wasm&steps=60&batch=16&n=1000&width=4&lr=0.03&projHidden=16&projDim=8&probeTrain=100&probeTest=200&metricsEvery=10&probeEvery=0';

async function mapAfterTraining(app: Playground, query: string, shot: string): Promise<number> {
  await app.open(query);
  await app.start();
  await app.waitForSteps(60);
  const map = app.page.getByTestId('embedding-map');
  await expect(map).toHaveAttribute('data-points', '200');
  await map.screenshot({ path: shot });
  return Number(await map.getAttribute('data-spread'));
}

test('BYOL without predictor and EMA collapses on the map; with them it stays spread', async ({ page }) => {
  const app = new Playground(page);
  const collapsed = await mapAfterTraining(app, `${BYOL}&predictor=0&ema=0`, 'docs/inside/byol-no-predictor-no-ema-map.png');
  const full = await mapAfterTraining(app, BYOL, 'docs/inside/byol-map.png');
  console.log(`map spread (rms radius, unit disc): collapsed ${collapsed.toFixed(4)}, full ${full.toFixed(4)}`);
  expect(collapsed).toBeLessThan(full / 3);
});
