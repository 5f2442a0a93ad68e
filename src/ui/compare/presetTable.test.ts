import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../core/compare/presets';
import { PRESET_TIMES } from '../../core/compare/presetTimes';
import { presetTableRows } from './presetTable';

describe('README: Experiments to try', () => {
  it('the README table shows every preset with its measured time and outcome (scripts/preset-table.ts writes it)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
    const rows = presetTableRows();
    expect(rows).toHaveLength(PRESETS.length);
    for (const row of rows) expect(readme).toContain(row);
    // 54 s as the table's clock, and the outcome as measured.
    expect(rows[0]).toBe(`| BYOL: predictor and EMA target (\`byol-collapse\`) | 4 | 0:54 | ${PRESET_TIMES['byol-collapse'].outcome} |`);
  });
});
