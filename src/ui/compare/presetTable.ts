import { PRESETS, presetSweep } from '../../core/compare/presets';
import { PRESET_TIMES } from '../../core/compare/presetTimes';
import { formatEta } from '../format';

/**
 * The README's "Experiments to try" rows: each preset's title and key, its run count, and the wall time and
 * outcome measured for it (presetTimes.ts), with a link to its FINDINGS section where it replays a paper's table.
 */
export function presetTableRows(): string[] {
  return PRESETS.map((p) => {
    const time = PRESET_TIMES[p.key];
    const findings = p.replays ? ` [FINDINGS](${p.replays.findings})` : '';
    return `| ${p.title} (\`${p.key}\`) | ${presetSweep(p).configs.length} | ${time ? formatEta(time.seconds) : '—'} | ${time ? time.outcome : 'not measured'}${findings} |`;
  });
}
