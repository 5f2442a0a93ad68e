/**
 * `backend=auto` that measures: times a few training steps of the actual experiment on each
 * candidate backend and keeps the fastest. A GPU can lose to WASM (integrated GPUs on small nets,
 * software adapters, tiny batches), and only a measurement on this device and this model knows.
 */

/** Times training steps of the actual config on the active backend; resolves with ms per step. */
export type StepTimer = () => Promise<number>;

/** Where a measured choice is remembered, per device and config shape (IndexedDB in the worker). */
export interface ChoiceCache {
  get(key: string): Promise<CachedChoice | undefined>;
  set(key: string, value: CachedChoice): Promise<void>;
}

export interface CachedChoice {
  backend: string;
  timings: Timing[];
}

export interface Timing {
  name: string;
  /** Infinity when not measured: it failed, or the time budget was spent first. */
  msPerStep: number;
  unmeasured?: 'failed' | 'budget';
}

export interface Calibration {
  /** Identifies the config's shape (method, batch, width, dataset, ...): the cache key's second half. */
  shapeKey: string;
  timeSteps: StepTimer;
  cache?: ChoiceCache;
  /** Stop measuring further candidates once this much time is spent (default 3 s). */
  budgetMs?: number;
}

export const DEFAULT_BUDGET_MS = 3000;

/** Display names for the badge. */
const LABEL: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export function backendLabel(name: string): string {
  return LABEL[name] ?? name;
}

/** "chose WASM: 31 ms/step vs WebGL 410 ms/step" (timings sorted, the chosen one first). */
export function describeChoice(chosen: string, timings: Timing[], cached: boolean): string {
  const fmt = (t: Timing) => `${Math.round(t.msPerStep)} ms/step`;
  const own = timings.find((t) => t.name === chosen);
  const others = timings.filter((t) => t.name !== chosen).sort((a, b) => a.msPerStep - b.msPerStep);
  const why = { failed: 'failed to run', budget: 'not measured, time budget spent' };
  const vs = others.map((t) => `${backendLabel(t.name)} ${Number.isFinite(t.msPerStep) ? fmt(t) : why[t.unmeasured ?? 'failed']}`);
  const head = `chose ${backendLabel(chosen)}${own ? `: ${fmt(own)}` : ''}`;
  return `${head}${vs.length ? ` vs ${vs.join(', ')}` : ''}${cached ? ' (measured earlier on this device)' : ''}`;
}

/**
 * Measures each candidate with `activate` (switches to it; false if it fails) and `timeSteps`.
 * Candidates are tried in order; once the budget is spent the rest are left unmeasured
 * (msPerStep Infinity), so a slow first candidate cannot make the start-up crawl.
 * Returns the timings in candidate order; the fastest finite one wins.
 */
export async function measureCandidates(
  candidates: readonly string[],
  activate: (name: string) => Promise<boolean>,
  timeSteps: StepTimer,
  budgetMs = DEFAULT_BUDGET_MS,
  now: () => number = () => performance.now(),
): Promise<Timing[]> {
  const started = now();
  const timings: Timing[] = [];
  for (const name of candidates) {
    if (timings.some((t) => Number.isFinite(t.msPerStep)) && now() - started > budgetMs) {
      timings.push({ name, msPerStep: Infinity, unmeasured: 'budget' });
      continue;
    }
    try {
      if (await activate(name)) {
        timings.push({ name, msPerStep: await timeSteps() });
        continue;
      }
    } catch {
      // a candidate that fails while measuring simply loses
    }
    timings.push({ name, msPerStep: Infinity, unmeasured: 'failed' });
  }
  return timings;
}

export function fastest(timings: readonly Timing[]): string | null {
  let best: Timing | null = null;
  for (const t of timings) if (Number.isFinite(t.msPerStep) && (!best || t.msPerStep < best.msPerStep)) best = t;
  return best?.name ?? null;
}
