import { spawnSync } from 'node:child_process';

/**
 * The Python with torch that the export's tests run (Node only): $PYTHON, then python3 on PATH, then Debian's
 * /usr/bin/python3 (where python3-torch installs). null, with the reason, when none imports torch.
 */
export function findTorchPython(): { python: string | null; reason: string } {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python, reason: `torch ${r.stdout.trim()} in ${python}` };
  }
  return { python: null, reason: `no Python with torch among ${candidates.join(', ')} (on Debian: apt-get install python3-torch)` };
}
