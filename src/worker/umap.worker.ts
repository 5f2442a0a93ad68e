/// <reference lib="webworker" />
// UMAP for the embedding map, off the main thread and apart from training (no tfjs here).
import { umap2 } from '../core/eval/inside/umap';
import { parseUmapRequest, type UmapReply } from './umapProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent) => {
  const req = parseUmapRequest(e.data);
  if ('error' in req) {
    scope.postMessage({ requestId: -1, error: req.error } satisfies UmapReply);
    return;
  }
  try {
    const points = umap2(req.features, req.n, req.d, req.seed);
    scope.postMessage({ requestId: req.requestId, points } satisfies UmapReply, [points.buffer]);
  } catch (err) {
    scope.postMessage({ requestId: req.requestId, error: err instanceof Error ? err.message : String(err) } satisfies UmapReply);
  }
};
