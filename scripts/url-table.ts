// Prints the README's table of method knobs from the knob tables (so the docs follow the code).
// Usage: npx tsx scripts/url-table.ts
import { METHOD_GROUPS, METHOD_SPECS } from '../src/core/config/methods';
import type { Knob } from '../src/core/config/knobs';

const fmt = (k: Knob) => (k.kind === 'bool' ? (k.default ? '1' : '0') : String(k.default));
const lines = ['| method | parameter | default | meaning |', '|---|---|---|---|'];
for (const group of METHOD_GROUPS) {
  for (const spec of Object.values(METHOD_SPECS)) {
    if (spec.group !== group.key) continue;
    for (const k of spec.knobs as readonly Knob[]) {
      const range = k.kind === 'enum' ? ` (${k.options.join(', ')})` : k.kind === 'bool' ? '' : ` [${k.min}, ${k.max}]`;
      lines.push(`| \`${spec.key}\` | \`${k.name}\` | ${fmt(k)}${range} | ${k.help.replace(/\|/g, '\\|')} |`);
    }
  }
}
console.log(lines.join('\n'));
