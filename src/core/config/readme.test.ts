import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUGMENT_KNOBS, GLOBAL_KNOBS } from './globalKnobs';
import { METHOD_SPECS } from './methods';
import type { Knob } from './knobs';

// The README's URL table is a public format (DESIGN.md): every parameter the codec accepts is in it.
describe('README documents every URL parameter', () => {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  it('global and augmentation knobs', () => {
    for (const k of [...GLOBAL_KNOBS, ...AUGMENT_KNOBS]) expect(readme, k.name).toContain(`\`${k.name}\``);
  });
  it('every method and its knobs, with their defaults', () => {
    for (const spec of Object.values(METHOD_SPECS)) {
      expect(readme).toContain(`\`${spec.key}\``);
      for (const k of spec.knobs as readonly Knob[]) {
        const def = k.kind === 'bool' ? (k.default ? '1' : '0') : String(k.default);
        expect(readme, `${spec.key}.${k.name}`).toContain(`| \`${spec.key}\` | \`${k.name}\` | ${def}`);
      }
    }
  });
});
