/**
 * Coalesces work to once per animation frame: `schedule(fn)` runs fn at the next frame unless a
 * run is already pending, so ten worker messages in one frame cost one store update and one React
 * render instead of ten. `flush()` runs pending work now (for messages that must see it applied
 * first, in order). Outside a browser (Node tests) a 16 ms timer stands in for the frame.
 */
export function frameBatcher(): { schedule(fn: () => void): void; flush(): void } {
  let pending: (() => void) | null = null;
  const raf: (cb: () => void) => unknown =
    typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (cb) => setTimeout(cb, 16);
  const flush = () => {
    const fn = pending;
    pending = null;
    fn?.();
  };
  return {
    schedule(fn) {
      const first = pending === null;
      pending = fn;
      if (first) raf(flush);
    },
    flush,
  };
}
