/**
 * Runs trained by the exported project (train.py) name where they ran in their `backend` field, e.g.
 * "PyTorch 2.4.0 on node17: 16 processes, 8× NVIDIA H100 80GB HBM3" (the browser's runs say webgpu, webgl,
 * wasm or cpu). The comparison labels such a run with it, so a cluster run is told apart from a browser
 * run of the same config.
 */
export const EXTERNAL_BACKEND_PREFIX = 'PyTorch ';

export function isExternalRun(backend: string | undefined): backend is string {
  return !!backend && backend.startsWith(EXTERNAL_BACKEND_PREFIX);
}

/** The comparison's label of a run, with where it ran when it ran outside the browser. */
export function labelWithPlace(label: string, backend: string | undefined): string {
  return isExternalRun(backend) ? `${label} · ${backend}` : label;
}
