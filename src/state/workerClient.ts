import { isFromWorker, type FromWorker, type ToWorker } from '../worker/protocol';

/** Owns the one training worker. Messages in both directions are typed (worker/protocol.ts). */
let worker: Worker | null = null;
let listener: ((msg: FromWorker) => void) | null = null;

export function connectWorker(onMessage: (msg: FromWorker) => void): void {
  listener = onMessage;
  if (worker) return;
  worker = new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module', name: 'ssl-training' });
  worker.onmessage = (e: MessageEvent) => {
    if (isFromWorker(e.data)) listener?.(e.data);
    else listener?.({ type: 'error', message: 'The training worker sent a message of unknown shape; it was ignored.' });
  };
  worker.onerror = (e: ErrorEvent) => {
    listener?.({ type: 'error', message: `The training worker crashed: ${e.message || 'unknown error'}` });
    listener?.({ type: 'state', state: 'error', message: e.message || 'worker crashed' });
  };
}

export function sendToWorker(msg: ToWorker): void {
  if (!worker) throw new Error('The training worker is not connected');
  worker.postMessage(msg);
}

/** Ends the worker outright (used by Reset when a run does not stop). */
export function terminateWorker(): void {
  worker?.terminate();
  worker = null;
}
