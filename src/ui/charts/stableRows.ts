import { useRef } from 'react';

/**
 * Whether two row lists draw the same picture: rows are appended, never edited, so equal length and
 * the same first and last row objects mean the same rows. (A restart clears the history, so its new
 * rows are other objects.)
 */
export function sameRows<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a[0] === b[0] && a[a.length - 1] === b[b.length - 1]);
}

/** `prev` where each list draws the same as its counterpart in `next` (the whole `prev` when all do). */
export function keepSameLists<T>(prev: readonly (readonly T[])[], next: readonly (readonly T[])[]): readonly (readonly T[])[] {
  if (prev === next) return prev;
  const merged = next.map((rows, i) => (prev[i] && sameRows(prev[i], rows) ? prev[i] : rows));
  return merged.length === prev.length && merged.every((rows, i) => rows === prev[i]) ? prev : merged;
}

/**
 * The previous array while the rows are the same. Filtering the history for one metric builds a new
 * array on every pass; a memoised plot given it would redraw although nothing it shows changed (the
 * std chart on every loss row, the empty probe chart on every throttle tick). With this it redraws
 * only when its own rows change.
 */
export function useStableRows<T>(rows: readonly T[]): readonly T[] {
  const kept = useRef(rows);
  if (!sameRows(kept.current, rows)) kept.current = rows;
  return kept.current;
}

/** useStableRows for several charts at once (one list per chart). */
export function useStableRowLists<T>(lists: readonly (readonly T[])[]): readonly (readonly T[])[] {
  const kept = useRef(lists);
  kept.current = keepSameLists(kept.current, lists);
  return kept.current;
}
