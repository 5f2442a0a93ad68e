import type { RunRecord } from '../../core/train/run';

/** File name of an exported run: method and seed say which experiment it is. */
export function runFileName(run: RunRecord): string {
  return `ssl-run-${run.config.method}-${run.config.seed}.json`;
}

/** Saves a run as JSON (DESIGN.md "Public formats") through a temporary Blob URL. */
export function downloadRun(run: RunRecord): void {
  const blob = new Blob([JSON.stringify(run, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = runFileName(run);
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked on the next tick: revoking synchronously can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
