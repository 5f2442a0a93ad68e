import type { RunRecord } from '../../core/train/run';

/** File name of an exported run: method and seed say which experiment it is. */
export function runFileName(run: RunRecord): string {
  return `ssl-run-${run.config.method}-${run.config.seed}.json`;
}

/** Saves a run as JSON (DESIGN.md "Public formats"). */
export function downloadRun(run: RunRecord): void {
  downloadText(runFileName(run), JSON.stringify(run, null, 2), 'application/json');
}

/** Saves text or bytes as a file through a temporary Blob URL. */
export function downloadText(fileName: string, text: string | Uint8Array<ArrayBuffer>, type: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked on the next tick: revoking synchronously can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
