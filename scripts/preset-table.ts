// Rewrites the README's "Experiments to try" table from the presets and their measured times and outcomes
// (src/core/compare/presets.ts, presetTimes.ts); presets.test.ts holds the README equal to them.
// Usage: npx tsx scripts/preset-table.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { presetTableRows } from '../src/ui/compare/presetTable';

const README = join(import.meta.dirname, '..', 'README.md');
const HEADER = '| preset | runs | wall time (WASM, here) | what it showed |\n|---|---:|---:|---|\n';
const text = readFileSync(README, 'utf8');
const start = text.indexOf(HEADER);
if (start < 0) throw new Error('README.md: the "Experiments to try" table header was not found');
const end = text.indexOf('\n\n', start);
writeFileSync(README, `${text.slice(0, start)}${HEADER}${presetTableRows().join('\n')}${text.slice(end)}`);
console.log(`README.md: ${presetTableRows().length} preset rows`);
