import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What bench/parity/simclr_torch.py prints. */
export interface TorchCurve {
  method: string;
  width: number;
  bn: number;
  batch: number;
  n: number;
  lr: number;
  seed: number;
  pixelProbeAccuracy: number;
  pcaProbeAccuracy: number;
  curve: { step: number; probeAccuracy: number; seconds?: number }[];
}

const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * The PyTorch reference curves saved in `dir` (one JSON each, from bench/parity/simclr_torch.py)
 * as a table of probe accuracy at each measured step; the app's curve at the same settings comes
 * from its run (probeEvery) when one is recorded beside them.
 */
export function renderParity(dir: string): string {
  if (!existsSync(dir)) return '';
  const curves = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as TorchCurve) }));
  if (curves.length === 0) return '';
  const steps = [...new Set(curves.flatMap((c) => c.curve.map((p) => p.step)))].sort((a, b) => a - b);
  return [
    '',
    '## Learning-curve parity with PyTorch',
    '',
    '`/usr/bin/python3 bench/parity/simclr_torch.py --width W --steps 500 --at 0,250,500` (PyTorch 1.13, one thread,',
    'the app’s encoder, projector, augmentations, NT-Xent and probe; its own random split of the same 10,000',
    'digits). Linear probe at each step:',
    '',
    `| run | ${steps.map((s) => `step ${s}`).join(' | ')} | raw pixels | PCA (as many components as features) |`,
    `|---|${steps.map(() => '---|').join('')}---|---|`,
    ...curves.map((c) => {
      const at = (s: number) => pct(c.curve.find((p) => p.step === s)?.probeAccuracy);
      return `| PyTorch ${c.method}, width ${c.width}, BatchNorm ${c.bn ? 'on' : 'off'}, batch ${c.batch}, lr ${c.lr} | ${steps.map(at).join(' | ')} | ${pct(c.pixelProbeAccuracy)} | ${pct(c.pcaProbeAccuracy)} |`;
    }),
    '',
  ].join('\n');
}
