import { describeError } from '../runs/db';
import { runStore } from '../runs/persist';
import { useStore } from '../store';
import { MAX_COMPARED, PALETTE } from './palette';
import { LIVE_ID, type CompareState, type SummaryMetric } from './types';

/** The comparison view's actions: tick runs, smoothing, table settings. Plain functions, as elsewhere. */
const set = useStore.setState;
const get = useStore.getState;

function patch(p: Partial<CompareState>): void {
  set({ compare: { ...get().compare, ...p } });
}

/** Lowest palette slot no ticked run holds: a run keeps its colour while others come and go. */
function freeColor(colors: Record<string, number>): number {
  const used = new Set(Object.values(colors));
  for (let i = 0; i < PALETTE.length; i++) if (!used.has(i)) return i;
  return 0;
}

/**
 * Ticks a run for comparison: a saved run's record is read from IndexedDB first (the list holds
 * summaries only). Refused, with the reason shown, past MAX_COMPARED runs or when it cannot be read.
 */
export async function addToComparison(id: string): Promise<boolean> {
  const c = get().compare;
  if (c.selected.includes(id)) return true;
  if (c.selected.length >= MAX_COMPARED) {
    patch({ problem: `At most ${MAX_COMPARED} runs are compared at once; untick one first.` });
    return false;
  }
  let record = c.records[id];
  if (id !== LIVE_ID && !record) {
    const { store } = await runStore();
    try {
      const r = await store.get(id);
      if (!r.ok) {
        patch({ problem: `That run cannot be compared: ${r.errors.join('; ')}` });
        return false;
      }
      record = r.saved.run;
    } catch (e) {
      patch({ problem: `That run cannot be compared: ${describeError(e)}` });
      return false;
    }
  }
  const now = get().compare;
  if (now.selected.includes(id)) return true;
  patch({
    selected: [...now.selected, id],
    colors: { ...now.colors, [id]: freeColor(now.colors) },
    records: record ? { ...now.records, [id]: record } : now.records,
    problem: null,
  });
  return true;
}

export function removeFromComparison(id: string): void {
  const c = get().compare;
  const colors = { ...c.colors };
  const records = { ...c.records };
  delete colors[id];
  delete records[id];
  patch({ selected: c.selected.filter((x) => x !== id), colors, records });
}

export function toggleComparison(id: string): void {
  if (get().compare.selected.includes(id)) removeFromComparison(id);
  else void addToComparison(id);
}

export function clearComparison(): void {
  patch({ selected: [], colors: {}, records: {}, problem: null });
}

export function setSmoothing(weight: number): void {
  if (Number.isFinite(weight)) patch({ smoothing: Math.min(0.99, Math.max(0, weight)) });
}

export const setSummaryMetric = (summaryMetric: SummaryMetric) => patch({ summaryMetric });
export const setDifferencesOnly = (differencesOnly: boolean) => patch({ differencesOnly });
export const dismissCompareProblem = () => patch({ problem: null });

/** A click on a column header: sorts by it, a second click reverses. */
export function sortBy(key: string): void {
  const s = get().compare.sort;
  patch({ sort: { key, dir: s?.key === key && s.dir === 'asc' ? 'desc' : 'asc' } });
}
