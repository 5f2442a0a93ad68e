import { expect, test } from '@playwright/test';
import { Playground, TINY } from './playground';

test('fine-tune and transfer in the worker: pre-train on MNIST, evaluate on Fashion-MNIST, label-efficiency chart with four lines', async ({ page }) => {
  const app = new Playground(page);
  await app.open(`method=simclr&${TINY}&projHidden=16&projDim=8&finetuneSteps=3&evalDataset=fashion-mnist`);
  await expect(page.getByTestId('url-notice')).toHaveCount(0);
  await app.start();
  await app.waitForSteps(6);

  const panel = page.getByTestId('probe-fractions');
  await expect(panel).toContainText('pre-trained on mnist, evaluated on fashion-mnist: cross-domain');
  for (const key of ['baselineProbeAccuracy', 'finetuneAccuracy', 'baselineFinetuneAccuracy']) {
    const cells = panel.getByTestId(`protocol-${key}`).locator('td');
    await expect(cells).toHaveCount(3);
    for (const v of await cells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))))) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  }
  await expect(page.getByTestId('label-efficiency')).toHaveAttribute('data-lines', 'probeAccuracy baselineProbeAccuracy finetuneAccuracy baselineFinetuneAccuracy');
  await expect(page.getByTestId('error-list')).toHaveCount(0);
});
