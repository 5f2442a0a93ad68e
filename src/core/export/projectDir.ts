import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readPythonSources } from '../../../scripts/export-sources';
import { exportFromLink } from './emit';

/** Tests' helper (Node only): the project of a link, written to a fresh temporary folder. */
export function exportToTempDir(link: string, label: string): string {
  const result = exportFromLink(link, readPythonSources());
  if (!result.ok) throw new Error(`export failed: ${result.errors.join('; ')}`);
  const dir = mkdtempSync(join(tmpdir(), `export-${label}-`));
  for (const [name, text] of Object.entries(result.files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
