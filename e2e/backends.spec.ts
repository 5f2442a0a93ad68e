import { expect, test } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the benchmarks
import { stripIsolation } from '../scripts/chromium.mjs';
import { Playground, TINY } from './playground';

// One smoke test per GPU backend. Here both run on SwiftShader (CPU-emulated), so they are slow:
// two steps of a tiny model is enough to prove the kernels, the worker and the charts work. The
// probe sets are the smallest allowed (20 images each): the evaluations at the run's start and end
// take much of the time on an emulated GPU (measured: 100 → 20 images took the WebGPU test from 2.9
// to 1.7 min on a loaded machine).
for (const backend of ['webgpu', 'webgl'] as const) {
  test(`SimCLR runs on ${backend}`, async ({ page }) => {
    const app = new Playground(page);
    const query = TINY.replace('backend=wasm', `backend=${backend}`)
      .replace('steps=6', 'steps=2')
      .replace('probeEvery=3', 'probeEvery=0')
      .replace('probeTrain=100&probeTest=100', 'probeTrain=20&probeTest=20');
    await app.open(`method=simclr&${query}&projHidden=16&projDim=8`);
    await app.start();
    await app.waitForSteps(2);
    expect(await app.backendName()).toBe(backend);
    await expect(page.getByTestId('backend-adapter')).not.toBeEmpty();
    expect(await app.chartPoints('chart-loss')).toBe(2);
  });
}

// Here (headless Chromium, no GPU) WebGPU is SwiftShader's fallback adapter and WebGL runs on
// SwiftShader: both emulated on the CPU and 10–25× slower than WASM, so auto must not pick them.
test('auto skips the CPU-emulated GPUs, trains on WASM and says why', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`method=simclr&${TINY.replace('backend=wasm', 'backend=auto').replace('steps=6', 'steps=2').replace('probeEvery=3', 'probeEvery=0')}`);
  await app.start();
  await app.waitForSteps(2);
  expect(await app.backendName()).toBe('wasm');
  const why = page.getByTestId('backend-choice');
  await expect(why).toContainText('chose WASM');
  await expect(why).toContainText(/WebGPU: fallback adapter .*emulated on the CPU/);
  await expect(why).toContainText(/WebGL: software renderer \(.*SwiftShader.*\), emulated on the CPU/);
});

test('the minified build trains on multi-threaded WASM when the page is cross-origin isolated', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`method=simclr&${TINY}`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const threads = Math.min(await page.evaluate(() => navigator.hardwareConcurrency), 8);
  await app.start();
  await app.waitForSteps(6);
  await expect(page.getByTestId('backend-adapter')).toHaveText(`WebAssembly with SIMD, ${threads} thread${threads === 1 ? '' : 's'}`);
  expect(await app.chartPoints('chart-loss')).toBe(6);
});

test('without COOP/COEP headers WASM runs single-threaded and the badge says why', async ({ page }) => {
  // A host that does not send the isolation headers (README, "Deploying").
  await stripIsolation(page);
  const app = new Playground(page);
  await app.open(`method=simclr&${TINY}`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await app.start();
  await app.waitForSteps(6);
  await expect(page.getByTestId('backend-adapter')).toHaveText(
    'WebAssembly with SIMD, 1 thread (page not cross-origin isolated: no COOP/COEP headers, so no shared memory for threads)',
  );
});
