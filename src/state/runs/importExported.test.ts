import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportToTempDir } from '../../core/export/projectDir';
import { findTorchPython } from '../../core/export/python';
import { parseRunFileText } from './runSchema';
import { summarize } from './summary';

/**
 * A run of the exported train.py with --no-eval (losses only: no probe, kNN or collapse metrics) imports into the
 * app as a run without an evaluation, shown as "no probe" (the UI's Saved runs), and survives the app's own
 * export/import round trip. The run with evaluation imports too (e2e/export.spec.ts overlays it in the browser).
 */
const torch = findTorchPython();
const dataDir = join(dirname(new URL(import.meta.url).pathname), '..', '..', '..', 'public', 'data');

describe.skipIf(!torch.python)(`a run of the exported project imports (${torch.reason})`, () => {
  it('--no-eval: accepted, its evaluation absent rather than invented', () => {
    const dir = exportToTempDir('?method=simclr&batch=16&n=128&width=4&probeTrain=40&probeTest=40&metricsEvery=1&probeEvery=0&steps=2', 'noeval');
    const r = spawnSync(torch.python!, ['train.py', '--data', dataDir, '--threads', '1', '--no-eval', '--out', 'run.json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'run.json'), 'utf8');
    const parsed = parseRunFileText(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    expect(parsed.run.history.map((row) => row.step)).toEqual([1, 2]);
    expect(parsed.run.final.loss).toBe(JSON.parse(text).final.loss);
    for (const key of ['probeAccuracy', 'knnAccuracy', 'baselineProbeAccuracy', 'l2NormalizedStd', 'rankMe']) expect(parsed.run.final, key).not.toHaveProperty(key);
    expect(parsed.run.backend).toMatch(/^PyTorch .* 1 process, CPU$/);
    expect(summarize({ id: 'x', savedAt: 1, run: parsed.run }).finalProbe).toBeNaN();
    // The app's Export run writes it back as it holds it; that file imports to the same run.
    expect(parseRunFileText(JSON.stringify(parsed.run))).toEqual(parsed);
  });
});
