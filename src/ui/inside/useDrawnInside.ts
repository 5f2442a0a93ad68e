import { selectBusy } from '../../state/selectors';
import { useStore } from '../../state/store';
import type { InsideState } from '../../state/inside';
import { useThrottled } from '../charts/useThrottled';

/** Same pace as the charts while a run streams; at once when idle. */
const REDRAW_MS = 400;

/**
 * The see-inside readings as a panel draws them. A reading arrives in one worker message; the
 * spectrum, the map (a canvas of every point) and the neighbour grid (72 image canvases) each take
 * it in a frame of their own (offsets after the charts' 0–5), so one reading is several short tasks
 * rather than one long one.
 */
export function useDrawnInside(frameOffset: number): InsideState | null {
  const inside = useStore((s) => s.inside);
  const busy = useStore(selectBusy);
  return useThrottled(inside, busy ? REDRAW_MS : 0, frameOffset);
}
