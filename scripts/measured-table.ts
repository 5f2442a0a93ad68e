// Rewrites MEASURED_AT_DEFAULTS in src/core/config/measured.ts from what `npm run findings` recorded
// (docs/findings/defaults: every method at its defaults; docs/findings/longer: the longer runs of the
// methods below the PCA bar; docs/findings/parity: the same links in their PyTorch export). measured.test.ts holds
// the table equal to those files.
// Usage: npx tsx scripts/measured-table.ts
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { METHOD_KEYS } from '../src/core/config/methods';
import { readParityRecords, type ParityCurve } from '../src/runner/findings/parity';

interface FindingsRecord {
  variant: string;
  query: string;
  wallSeconds: number;
  cpuSeconds: number;
  final: Record<string, number>;
}

const ROOT = join(import.meta.dirname, '..');
const TABLE = join(ROOT, 'src', 'core', 'config', 'measured.ts');
const read = (dir: string): FindingsRecord[] =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as FindingsRecord) : [];

const byMethod = new Map<string, FindingsRecord[]>();
for (const r of read(join(ROOT, 'docs', 'findings', 'defaults'))) byMethod.set(r.variant, [...(byMethod.get(r.variant) ?? []), r]);
const longer = new Map(read(join(ROOT, 'docs', 'findings', 'longer')).map((r) => [r.variant, r]));
const parity = new Map(readParityRecords(join(ROOT, 'docs', 'findings', 'parity')).map((r) => [r.id, r]));
/** The probe at a curve's last reading. */
const lastProbe = (c: ParityCurve) => c.probes[c.probes.length - 1];

const r3 = (v: number) => Number(v.toFixed(3));
/** `, linkVersion: N` for a parity run pinned to an older link format's defaults (its link names `v`). */
const pinned = (link: string) => {
  const v = new URLSearchParams(link).get('v');
  return v ? `, linkVersion: ${Number(v)}` : '';
};
const lines = METHOD_KEYS.filter((k) => byMethod.has(k)).map((k) => {
  const rs = byMethod.get(k)!;
  const mean = (f: (r: FindingsRecord) => number) => rs.reduce((s, r) => s + f(r), 0) / rs.length;
  const l = longer.get(k);
  const p = parity.get(k);
  const more =
    (l ? `, longer: { steps: ${Number(new URLSearchParams(l.query).get('steps'))}, probe: ${r3(l.final.probeAccuracy)}, cpuSeconds: ${Math.round(l.cpuSeconds)} }` : '') +
    (p ? `, parity: { steps: ${lastProbe(p.tfjs).step}, app: ${r3(lastProbe(p.tfjs).probeAccuracy)}, pytorchSameInit: ${r3(lastProbe(p.pytorchAppInit).probeAccuracy)}, pytorchOwnInit: ${r3(lastProbe(p.pytorch).probeAccuracy)}${pinned(p.link)} }` : '');
  return `  ${k}: { probe: ${r3(mean((r) => r.final.probeAccuracy))}, pca: ${r3(mean((r) => r.final.pcaProbeAccuracy))}, pixels: ${r3(mean((r) => r.final.pixelProbeAccuracy))}, randomInit: ${r3(mean((r) => r.final.baselineProbeAccuracy))}, wallSeconds: ${Math.round(mean((r) => r.wallSeconds))}, cpuSeconds: ${Math.round(mean((r) => r.cpuSeconds))}, seeds: ${rs.length}${more} },`;
});

const source = readFileSync(TABLE, 'utf8');
const start = source.indexOf('export const MEASURED_AT_DEFAULTS');
const open = source.indexOf('{\n', start) + 2;
const close = source.indexOf('\n};', open);
if (start < 0 || close < 0) throw new Error(`${TABLE}: MEASURED_AT_DEFAULTS not found`);
writeFileSync(TABLE, `${source.slice(0, open)}${lines.join('\n')}${source.slice(close)}`);
console.log(`wrote ${lines.length} methods into ${TABLE}`);
