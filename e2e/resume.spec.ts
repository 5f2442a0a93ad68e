import { expect, test, type Page } from '@playwright/test';
import { Playground } from './playground';

/**
 * A reload mid-run loses nothing: the run is listed as interrupted at its last checkpoint, Resume
 * continues it, and its losses equal an uninterrupted run's on the same backend (WASM here).
 */

const CONFIG = 'method=moco&backend=wasm&steps=200&batch=8&n=64&width=4&probeTrain=100&probeTest=100&probeEvery=0&metricsEvery=2&queueSize=32&seed=3';

/** Every saved run's losses by step, straight from IndexedDB. */
async function savedLosses(page: Page): Promise<{ backend: string; losses: [number, number][]; hostReads: number }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('ssl-playground');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('runs', 'readonly').objectStore('runs').getAll();
          all.onsuccess = () => {
            req.result.close();
            resolve(
              (all.result as { savedAt: number; run: { backend: string; hostReads: number; history: { step: number; loss?: number }[] } }[])
                .sort((a, b) => a.savedAt - b.savedAt)
                .map((r) => ({ backend: r.run.backend, hostReads: r.run.hostReads, losses: r.run.history.filter((h) => h.loss !== undefined).map((h) => [h.step, h.loss!] as [number, number]) })),
            );
          };
        };
      }),
  );
}

const stepNow = async (app: Playground) => Number((await app.stepCounter().textContent())?.split(' / ')[0]);

test('start, reload at step ~20, Resume: the final losses equal an uninterrupted run’s', async ({ page }) => {
  const app = new Playground(page);
  await app.open(CONFIG);
  await app.start();
  await expect.poll(() => stepNow(app), { timeout: 120_000 }).toBeGreaterThanOrEqual(22);
  // What a checkpoint costs here (printed for the record): taking it in the worker, writing it to IndexedDB.
  const note = page.getByTestId('checkpoint-note');
  await expect(note).toContainText('Progress kept at step');
  const cost = await note.evaluate((el) => ({ takeMs: el.dataset.takeMs, writeMs: el.dataset.writeMs, bytes: el.dataset.bytes }));
  console.log(`checkpoint cost (MoCo width 4, WASM): take ${Number(cost.takeMs).toFixed(1)} ms, write ${Number(cost.writeMs).toFixed(1)} ms, ${cost.bytes} bytes`);
  // The page asks before leaving a running run (unit-tested: state/unloadGuard.test.ts); Playwright's
  // reload does not surface that dialog, so any that comes is accepted.
  page.on('dialog', (d) => void d.accept());
  await page.reload();
  const interrupted = page.getByTestId('interrupted-run');
  await expect(interrupted).toBeVisible();
  const at = Number(await interrupted.getByTestId('interrupted-step').textContent());
  expect(at).toBeGreaterThanOrEqual(20);
  expect(at % 10).toBe(0);
  await interrupted.getByTestId('resume-interrupted').click();
  await app.waitForSteps(200);
  await expect(interrupted).toHaveCount(0);

  await app.open(CONFIG);
  await app.start();
  await app.waitForSteps(200);
  await expect(page.getByTestId('saved-run')).toHaveCount(2);
  const [resumed, whole] = await savedLosses(page);
  expect(resumed.backend).toBe('wasm');
  expect(whole.backend).toBe('wasm');
  expect(whole.losses).toHaveLength(200);
  expect(resumed.losses).toEqual(whole.losses);
  // A finished run leaves nothing to resume after another reload.
  await page.reload();
  await expect(page.getByTestId('saved-run')).toHaveCount(2);
  await expect(page.getByTestId('interrupted-run')).toHaveCount(0);
});
