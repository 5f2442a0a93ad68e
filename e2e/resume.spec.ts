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

/** Records kept in the in-progress store (0 once a finished run has cleared it). */
const progressRecords = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('ssl-playground-progress');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('progress')) return resolve(0);
          const count = db.transaction('progress', 'readonly').objectStore('progress').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      }),
  );

/** Start, and see it taken: the run leaves 'idle' (if it does not, say what the page says instead). */
async function startAndSeeItTaken(page: Page, app: Playground): Promise<void> {
  await app.start();
  const state = page.getByTestId('run-state');
  await expect(state, `after Start: ${await page.getByTestId('status-message').allTextContents()} ${await page.getByTestId('question').textContent()}`).not.toHaveText('idle', { timeout: 15_000 });
}

test('start, reload at step ~20, Resume: the final losses equal an uninterrupted run’s', async ({ page }) => {
  const app = new Playground(page);
  await app.open(CONFIG);
  await startAndSeeItTaken(page, app);
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
  // The finished run clears its progress record after 'done' (asynchronously): leaving the page
  // before that lands would list it again as interrupted, and Start would then ask first.
  await expect.poll(() => progressRecords(page)).toBe(0);

  await app.open(CONFIG);
  await startAndSeeItTaken(page, app);
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

// The four methods that keep their own state between steps in other forms: SwAV's queue, DINO's
// centre (tensors), DeepCluster's clustering (integer arrays), inpainting's discriminator and its
// Adam (an optimiser). Through the worker boundary and IndexedDB, resumed = uninterrupted.
const OWN_STATE = {
  swav: 'prototypes=10&queueLength=16&queueStart=4&freezeSteps=12&projHidden=16&projDim=8&smallCrops=2',
  dino: 'projHidden=16&bottleneckDim=8&outDim=16&teacherTempWarmup=30&smallCrops=2',
  deepcluster: 'k=5&clusterEvery=15&pcaDim=4&kmeansIters=5',
  inpainting: 'advWeight=0.3&holeSize=10',
} as const;

for (const [method, knobs] of Object.entries(OWN_STATE)) {
  test(`${method}: reload mid-run, Resume: the losses equal an uninterrupted run’s`, async ({ page }) => {
    const config = `method=${method}&backend=wasm&steps=40&batch=8&n=64&width=4&probeTrain=100&probeTest=100&probeEvery=0&metricsEvery=2&seed=4&${knobs}`;
    const app = new Playground(page);
    await app.open(config);
    await startAndSeeItTaken(page, app);
    await expect(page.getByTestId('checkpoint-note')).toContainText('Progress kept at step');
    page.on('dialog', (d) => void d.accept());
    await page.reload();
    const interrupted = page.getByTestId('interrupted-run');
    const at = Number(await interrupted.getByTestId('interrupted-step').textContent());
    expect(at).toBeGreaterThanOrEqual(10);
    await interrupted.getByTestId('resume-interrupted').click();
    await app.waitForSteps(40);
    await expect.poll(() => progressRecords(page)).toBe(0);
    await app.open(config);
    await startAndSeeItTaken(page, app);
    await app.waitForSteps(40);
    await expect(page.getByTestId('saved-run')).toHaveCount(2);
    const [resumed, whole] = await savedLosses(page);
    expect(whole.losses).toHaveLength(40);
    expect(resumed.losses).toEqual(whole.losses);
    console.log(`${method}: interrupted at step ${at}, resumed; 40 losses equal`);
  });
}
