/** Messages to and from the UMAP worker: features in, 2-D points out. */
export interface UmapRequest {
  requestId: number;
  features: Float32Array;
  n: number;
  d: number;
  seed: number;
}

export type UmapReply = { requestId: number; points: Float32Array } | { requestId: number; error: string };

/** Checks what crosses into the UMAP worker (STYLE: validate everything crossing the worker boundary). */
export function parseUmapRequest(data: unknown): UmapRequest | { error: string } {
  const r = data as Partial<UmapRequest> | null;
  if (typeof r !== 'object' || r === null) return { error: 'UMAP request must be an object' };
  const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (!whole(r.requestId) || !whole(r.n) || !whole(r.d) || !whole(r.seed)) return { error: 'UMAP request needs whole requestId, n, d and seed' };
  if (!(r.features instanceof Float32Array) || r.features.length !== r.n! * r.d!) return { error: `UMAP features must be a Float32Array of n·d = ${r.n! * r.d!} values` };
  return r as UmapRequest;
}

export function isUmapReply(data: unknown): data is UmapReply {
  const r = data as { requestId?: unknown; points?: unknown; error?: unknown } | null;
  return typeof r === 'object' && r !== null && typeof r.requestId === 'number' && (r.points instanceof Float32Array || typeof r.error === 'string');
}
