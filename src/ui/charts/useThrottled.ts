import { useEffect, useRef, useState } from 'react';

/**
 * The value, passed on at most once per `ms` (the latest one always arrives). Charts redraw from a
 * throttled history: the worker streams rows many times a second and redrawing four SVG charts on
 * each message starves the main thread. ms = 0 passes every value on at once.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastShown = useRef(0);
  useEffect(() => {
    const wait = lastShown.current + ms - performance.now();
    if (wait <= 0) {
      lastShown.current = performance.now();
      setShown(value);
      return;
    }
    const timer = setTimeout(() => {
      lastShown.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return ms === 0 ? value : shown;
}
