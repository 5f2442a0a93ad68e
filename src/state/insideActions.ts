import type { SpaceKey } from '../core/eval/inside/types';
import { seededQueries } from '../core/eval/inside/map';
import type { InsideState, Projection } from './inside';
import { useStore } from './store';
import { requestUmapPoints } from './umapClient';
import { sendToWorker } from './workerClient';

/** Actions of the see-inside panels (outside components, like state/actions.ts). */
const set = useStore.setState;
const get = useStore.getState;

let umapRequest = 0;

function update(f: (s: InsideState) => InsideState): void {
  const inside = get().inside;
  if (inside) set({ inside: f(inside) });
}

export function setInsideSpace(space: SpaceKey): void {
  update((s) => ({ ...s, space }));
}

/** PCA is live; UMAP is computed on demand for the current reading and space, in its own worker. */
export function setProjection(projection: Projection): void {
  update((s) => ({ ...s, projection }));
  const inside = get().inside;
  if (projection === 'umap' && inside) computeUmap();
}

export function computeUmap(): void {
  const inside = get().inside;
  if (!inside) return;
  const { step } = inside.latest;
  const space = inside.space;
  const { features, dim } = inside.latest.spaces[space];
  const n = features.length / dim;
  const requestId = ++umapRequest;
  update((s) => ({ ...s, umap: { step, space, status: 'running' } }));
  // A copy goes to the worker: the reading keeps its own features for the next request.
  requestUmapPoints({ requestId, features: features.slice(), n, d: dim, seed: get().config.seed }, (reply) => {
    if (reply.requestId !== requestId && reply.requestId !== -1) return;
    if ('error' in reply) update((s) => ({ ...s, umap: { step, space, status: 'error', error: reply.error } }));
    else update((s) => ({ ...s, umap: { step, space, status: 'done', points: reply.points } }));
  });
}

/** The neighbour grid's queries: chosen ones, else the seeded default. */
export function currentQueries(inside: InsideState, seed: number): number[] {
  return inside.queries ?? seededQueries(inside.latest.spaces.embedding.pca.length / 2, seed);
}

/** Makes image `index` the query of grid row `row`. */
export function setQuery(row: number, index: number): void {
  const seed = get().config.seed;
  update((s) => {
    const queries = [...currentQueries(s, seed)];
    queries[row] = index;
    return { ...s, queries };
  });
}

/** Exactly one update, then paused: a running run is paused first (messages arrive in order). */
export function stepOnce(): void {
  const state = get().runState;
  if (state === 'running') sendToWorker({ type: 'pause' });
  if (state === 'running' || state === 'paused') sendToWorker({ type: 'step' });
}

/** One step per second between the model graph's animations. */
export const SLOW_MOTION_MS = 1000;
let slowTimer: ReturnType<typeof setInterval> | null = null;

export function setSlowMotion(on: boolean): void {
  if (slowTimer) clearInterval(slowTimer);
  slowTimer = null;
  set({ slowMotion: on });
  if (!on) return;
  stepOnce();
  slowTimer = setInterval(() => {
    const state = get().runState;
    if (state === 'running' || state === 'paused') stepOnce();
    else setSlowMotion(false);
  }, SLOW_MOTION_MS);
}
