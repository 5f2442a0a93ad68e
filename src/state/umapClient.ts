import { isUmapReply, type UmapReply, type UmapRequest } from '../worker/umapProtocol';

/** Owns the UMAP worker, started on the first request. */
let worker: Worker | null = null;

export function requestUmapPoints(req: UmapRequest, onReply: (reply: UmapReply) => void): void {
  if (!worker) {
    worker = new Worker(new URL('../worker/umap.worker.ts', import.meta.url), { type: 'module', name: 'ssl-umap' });
  }
  worker.onmessage = (e: MessageEvent) => {
    onReply(isUmapReply(e.data) ? e.data : { requestId: req.requestId, error: 'The UMAP worker sent a message of unknown shape.' });
  };
  worker.onerror = (e: ErrorEvent) => onReply({ requestId: req.requestId, error: `The UMAP worker crashed: ${e.message || 'unknown error'}` });
  worker.postMessage(req);
}
