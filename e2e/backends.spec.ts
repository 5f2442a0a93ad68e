import { expect, test } from '@playwright/test';
import { Playground, TINY } from './playground';

// One smoke test per GPU backend. Here both run on SwiftShader (CPU-emulated), so they are slow:
// two steps of a tiny model is enough to prove the kernels, the worker and the charts work.
for (const backend of ['webgpu', 'webgl'] as const) {
  test(`SimCLR runs on ${backend}`, async ({ page }) => {
    const app = new Playground(page);
    const query = TINY.replace('backend=wasm', `backend=${backend}`).replace('steps=6', 'steps=2').replace('probeEvery=3', 'probeEvery=0');
    await app.open(`method=simclr&${query}&projHidden=16&projDim=8`);
    await app.start();
    await app.waitForSteps(2);
    expect(await app.backendName()).toBe(backend);
    await expect(page.getByTestId('backend-adapter')).not.toBeEmpty();
    expect(await app.chartPoints('chart-loss')).toBe(2);
  });
}
