import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PythonSources } from '../src/core/export/emit';

/** The export's Python sources from src/core/export/python, by path (what the browser bundles with import.meta.glob). */
export function readPythonSources(root = join(import.meta.dirname, '..', 'src', 'core', 'export', 'python')): PythonSources {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.py')) out[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return out;
}
