import { expect, type Page } from '@playwright/test';

/** Page object: what a person sees and clicks (tldraw's fixture habit). */
export class Playground {
  constructor(readonly page: Page) {}

  async open(query: string): Promise<void> {
    await this.page.goto(`/?${query}`);
    await expect(this.page.getByTestId('start')).toBeVisible();
  }

  async start(): Promise<void> {
    await this.page.getByTestId('start').click();
  }

  stepCounter() {
    return this.page.getByTestId('step-counter');
  }

  async waitForSteps(steps: number): Promise<void> {
    await expect(this.stepCounter()).toHaveText(`${steps} / ${steps}`, { timeout: 200_000 });
    await expect(this.page.getByTestId('run-state')).toHaveText('done', { timeout: 200_000 });
  }

  async chartPoints(testId: string): Promise<number> {
    return Number(await this.page.getByTestId(testId).getAttribute('data-points'));
  }

  async probeAccuracy(): Promise<number> {
    return Number(await this.page.getByTestId('probe-accuracy').getAttribute('data-value'));
  }

  async backendName(): Promise<string> {
    return (await this.page.getByTestId('backend-name').textContent())?.trim() ?? '';
  }

  /** Every control's current value, keyed by its test id: what "restores every control" compares. */
  async controlValues(): Promise<Record<string, string>> {
    return this.page.evaluate(() => {
      const out: Record<string, string> = {};
      document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-testid^="knob-"], [data-testid$="-select"]').forEach((el) => {
        const id = el.getAttribute('data-testid')!;
        out[id] = el instanceof HTMLInputElement && el.type === 'checkbox' ? String(el.checked) : el.value;
      });
      return out;
    });
  }
}

/** A config small enough to train in seconds on WASM in a CPU-only CI machine. */
export const TINY = 'backend=wasm&steps=6&batch=8&n=64&width=4&probeTrain=100&probeTest=100&probeEvery=3&metricsEvery=2';

/** Writes a record straight into the app's database, as another app version or a bad disk might. */
export async function putRawRecord(page: Page, record: unknown): Promise<void> {
  await page.evaluate(
    (rec) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('ssl-playground');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction('runs', 'readwrite');
          tx.objectStore('runs').put(rec);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    record,
  );
}
