import { useEffect, useRef, useState } from 'react';

/**
 * The value, passed on at most once per `ms` (the latest one always arrives), at the start of an
 * animation frame. Charts redraw from a throttled history: the worker streams rows many times a
 * second and redrawing four SVG charts on each message starves the main thread. ms = 0 passes
 * every value on at once.
 *
 * `frameOffset` delays the update by that many more frames: charts given offsets 0, 1, 2, ...
 * redraw in consecutive frames, i.e. in separate short tasks rather than one long one (a task
 * over 50 ms is what makes a page feel stuck; PerformanceObserver reports it as a 'longtask').
 */
export function useThrottled<T>(value: T, ms: number, frameOffset = 0): T {
  const [shown, setShown] = useState(value);
  const lastShown = useRef(0);
  useEffect(() => {
    if (ms === 0) {
      setShown(value); // kept current, so a run that starts later does not open on an old value
      return;
    }
    // Even when the last update is long past, the value goes through its frame offset: several
    // throttled charts updated by one message would otherwise all redraw in that message's task.
    const wait = Math.max(0, lastShown.current + ms - performance.now());
    let frame = 0;
    const show = (framesLeft: number) => {
      frame = requestAnimationFrame(() => {
        if (framesLeft > 0) return show(framesLeft - 1);
        lastShown.current = performance.now();
        setShown(value);
      });
    };
    const timer = setTimeout(() => show(frameOffset), wait);
    return () => {
      clearTimeout(timer);
      cancelAnimationFrame(frame);
    };
  }, [value, ms, frameOffset]);
  return ms === 0 ? value : shown;
}
