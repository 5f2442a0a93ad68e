import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../core/config/url';
import { PARITY_RUNS, renderParity, toParityCurve, type ParityRecord } from './parity';

/** A run JSON as the runner writes it: a step-0 row with the random-init probe, losses, probes every 2 steps. */
const appRun = {
  backend: 'wasm',
  wallSeconds: 12.4,
  history: [
    { step: 0, probeAccuracy: 0.5, knnAccuracy: 0.3 },
    { step: 1, loss: 4 },
    { step: 2, loss: 2, probeAccuracy: 0.6, knnAccuracy: 0.4 },
    { step: 3, loss: 3 },
    { step: 4, loss: 1, probeAccuracy: 0.7, knnAccuracy: 0.45 },
  ],
};
/** The PyTorch export's: no step-0 row, the random-init probe in `final`. */
const torchRun = {
  backend: 'PyTorch 1.13 on vm: 1 process, CPU',
  wallSeconds: 3.6,
  history: [{ step: 1, loss: 5 }, { step: 2, loss: 3, probeAccuracy: 0.62 }, { step: 3, loss: 2 }, { step: 4, loss: 2, probeAccuracy: 0.71 }],
  final: { baselineProbeAccuracy: 0.52, baselineKnnAccuracy: 0.31 },
};

describe('learning-curve parity', () => {
  it('reads the probe at every reading, the random-init one from either place, and the loss as the mean of the last readings', () => {
    const app = toParityCurve(appRun);
    expect(app.probes).toEqual([
      { step: 0, probeAccuracy: 0.5, knnAccuracy: 0.3 },
      { step: 2, probeAccuracy: 0.6, knnAccuracy: 0.4 },
      { step: 4, probeAccuracy: 0.7, knnAccuracy: 0.45 },
    ]);
    // Up to 5 readings at or before the probe step: (4 + 2) / 2 at step 2, (4 + 2 + 3 + 1) / 4 at step 4.
    expect(app.losses).toEqual([{ step: 2, loss: 3 }, { step: 4, loss: 2.5 }]);
    const torch = toParityCurve(torchRun);
    expect(torch.probes[0]).toEqual({ step: 0, probeAccuracy: 0.52, knnAccuracy: 0.31 });
    expect(torch.probes.map((p) => p.step)).toEqual([0, 2, 4]);
    expect(torch.losses).toEqual([{ step: 2, loss: 4 }, { step: 4, loss: 3 }]);
  });

  it('renders the three curves of a link side by side, one column per probe step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-render-'));
    const record: ParityRecord = { id: 'simclr', link: 'method=simclr&steps=4', query: 'v=4&method=simclr&steps=4', tfjs: toParityCurve(appRun), pytorch: toParityCurve(torchRun), pytorchAppInit: toParityCurve(appRun) };
    writeFileSync(join(dir, 'simclr.json'), JSON.stringify(record));
    const doc = renderParity(dir);
    expect(doc).toContain('| link | implementation | step 0 | step 2 | step 4 | kNN at 4 | loss at 4 | wall s |');
    expect(doc).toContain('| simclr | tfjs (the app) | 50.0% | 60.0% | 70.0% | 45.0% | 2.500 | 12 |');
    expect(doc).toContain('| simclr | PyTorch export, own initial weights | 52.0% | 62.0% | 71.0% | — | 3.000 | 4 |');
    expect(doc.indexOf('| simclr | tfjs (the app)')).toBeLessThan(doc.indexOf('| simclr | PyTorch export, app’s initial weights'));
    // tfjs vs the app-init run (the same curve): 0 points; vs PyTorch's own draw: 2 points at step 0 and step 2, 1 at step 4.
    expect(doc).toContain('from the same initial weights the two implementations\' probes differ by at most 0.0 points (step 0); from PyTorch\'s own initial draw by up to 2.0 points (step 0). The implementations agree (within the 3 points one probe reading can move by chance).');
    expect(renderParity(join(dir, 'absent'))).toBe('');
    // Same initial weights, 10 points apart at step 4, while PyTorch from its own weights is 11 points from its
    // app-init run there: no more than PyTorch differs from itself.
    const off = toParityCurve({ ...appRun, history: appRun.history.map((r) => (r.step === 4 ? { ...r, probeAccuracy: 0.6 } : r)) });
    writeFileSync(join(dir, 'simclr.json'), JSON.stringify({ ...record, pytorchAppInit: off }));
    expect(renderParity(dir)).toContain('differ by at most 10.0 points (step 4); from PyTorch\'s own initial draw by up to 2.0 points (step 0). That is no more than two PyTorch runs from different weights differ by (11.0 points (step 4)): no sign of an implementation difference.');
    // The app 10 points from two PyTorch runs that agree with each other: a hint of a difference.
    writeFileSync(join(dir, 'simclr.json'), JSON.stringify({ ...record, tfjs: off, pytorch: toParityCurve(appRun) }));
    expect(renderParity(dir)).toContain('That is more than two PyTorch runs from different weights differ by (0.0 points (step 0)); one run each, so a hint to follow up, not a verdict.');
    writeFileSync(join(dir, 'simclr.json'), JSON.stringify(record));
    // A link probed at other steps gets its own table rather than empty cells in the first one.
    const other = { ...appRun, history: [{ step: 0, probeAccuracy: 0.4 }, { step: 3, loss: 1, probeAccuracy: 0.55 }] };
    writeFileSync(join(dir, 'msn.json'), JSON.stringify({ ...record, id: 'msn', tfjs: toParityCurve(other), pytorch: toParityCurve(other), pytorchAppInit: toParityCurve(other) }));
    const both = renderParity(dir);
    expect(both.match(/\| link \| implementation/g)).toHaveLength(2);
    expect(both).toContain('| link | implementation | step 0 | step 3 | kNN at 3 | loss at 3 | wall s |');
    expect(both).toContain('| msn | tfjs (the app) | 40.0% | 55.0% | — | 1.000 | 12 |');
    rmSync(dir, { recursive: true, force: true });
  });

  it('compares links that decode cleanly: SimCLR and MAE probed at 0, 250, 500, 750 and 1,000 steps, the others at least 4 times', () => {
    const probeSteps = PARITY_RUNS.map(({ link }) => {
      const { config, ignored } = decodeConfig(link);
      expect(ignored, link).toEqual([]);
      return config.steps / config.probeEvery;
    });
    expect(PARITY_RUNS.map((r) => r.id)).toEqual(['simclr', 'mae', 'msn', 'deepcluster']);
    expect(PARITY_RUNS.slice(0, 2).map(({ link }) => decodeConfig(link).config.steps)).toEqual([1000, 1000]);
    for (const n of probeSteps) expect(n).toBeGreaterThanOrEqual(4);
  });
});
