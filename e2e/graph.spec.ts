import { expect, test } from '@playwright/test';
import { METHOD_KEYS } from '../src/core/config/methods';
import { METHOD_INSIDE } from '../src/core/config/methods/inside';
import { Playground, TINY } from './playground';

// The model graph renders for every method, from its description; three go in the README.
const README_SHOTS = new Set(['simclr', 'byol', 'mae']);

for (const method of METHOD_KEYS) {
  test(`${method}: the model graph renders every block and edge; the explainer its loss`, async ({ page }) => {
    const app = new Playground(page);
    await app.open(`method=${method}&${TINY}`);
    const graph = page.getByTestId('model-graph');
    await expect(graph).toHaveAttribute('data-method', method);
    const { nodes, edges } = METHOD_INSIDE[method].graph;
    await expect(graph.locator('.model-graph__node')).toHaveCount(nodes.length);
    await expect(graph.locator('.model-graph__edge')).toHaveCount(edges.length);
    await expect(graph.locator('.model-graph__edge--stopgrad')).toHaveCount(edges.filter((e) => e.kind === 'stopgrad').length);
    if (README_SHOTS.has(method)) await graph.screenshot({ path: `docs/inside/graph-${method}.png` });
    // Its explainer: the loss rendered by KaTeX (MathML inside), and the paper.
    await expect(page.getByTestId('explainer')).toHaveAttribute('data-method', method);
    await expect(page.getByTestId('explainer-formula').locator('.katex math')).toHaveCount(1);
    await expect(page.getByTestId('explainer').locator('a[href^="https://arxiv.org/abs/"]')).toHaveCount(1);
  });
}

test('Step runs exactly one update, then the run stays paused; clicking a block shows its parameters', async ({ page }) => {
  const app = new Playground(page);
  await app.open('method=byol&backend=wasm&steps=200&batch=8&n=64&width=4&probeTrain=100&probeTest=100&probeEvery=0&metricsEvery=50&projHidden=16&projDim=8');
  await app.start();
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await expect(page.getByTestId('graph-step')).toBeEnabled();
  const counter = page.getByTestId('step-counter');
  // The counter moves every step: let the step that was in flight when Pause was pressed land first.
  await page.waitForTimeout(1000);
  const paused = Number((await counter.textContent())!.split(' / ')[0]);
  await page.getByTestId('graph-step').click();
  await expect(counter).toHaveText(`${paused + 1} / 200`);
  await page.getByTestId('graph-step').click();
  await expect(counter).toHaveText(`${paused + 2} / 200`);
  await page.waitForTimeout(1500);
  await expect(counter).toHaveText(`${paused + 2} / 200`);
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  // The EMA edge shows the current τ; the projector block its parameter count.
  await expect(page.getByTestId('model-graph').locator('[data-live="tau"]').first()).toContainText('τ = 0.99');
  await page.getByTestId('graph-node-h1').click();
  await expect(page.getByTestId('graph-details')).toContainText('trained parameters');
  await page.getByTestId('stop').click();
});

test('Slow motion plays one update per second with the edges lit, and stops when switched off', async ({ page }) => {
  const app = new Playground(page);
  await app.open('method=simclr&backend=wasm&steps=200&batch=8&n=64&width=4&probeTrain=100&probeTest=100&probeEvery=0&metricsEvery=50&projHidden=16&projDim=8');
  await app.start();
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await page.getByTestId('graph-slowmo').check();
  const counter = page.getByTestId('step-counter');
  await expect(page.getByTestId('model-graph').locator('.model-graph__edge--lit').first()).toBeVisible();
  await expect(counter).not.toHaveText('0 / 200');
  const start = Number((await counter.textContent())!.split(' / ')[0]);
  await page.waitForTimeout(3200);
  const after = Number((await counter.textContent())!.split(' / ')[0]);
  // About one per second (±1 for timer phase and the time a step takes).
  expect(after - start).toBeGreaterThanOrEqual(2);
  expect(after - start).toBeLessThanOrEqual(4);
  await page.getByTestId('graph-slowmo').uncheck();
  await page.waitForTimeout(1500);
  const stopped = await counter.textContent();
  await page.waitForTimeout(1500);
  await expect(counter).toHaveText(stopped!);
  await expect(page.getByTestId('run-state')).toHaveText('paused');
  await page.getByTestId('stop').click();
});
