import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUGMENT_KNOBS, GLOBAL_KNOBS } from './globalKnobs';
import { METHOD_SPECS } from './methods';
import type { Knob } from './knobs';
import type { MethodSpec } from './methods/types';
import { FORMAT_VERSION } from './versions';

const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

// The README's URL table is a public format (DESIGN.md): every parameter the codec accepts is in it.
describe('README documents every URL parameter', () => {
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

// The global rows' per-method defaults ("500 (`moco`, `jigsaw`: 1000; `msn`: 400)") are written by hand:
// each must name exactly the methods whose globalDefaults override that knob, with the value they use.
describe('README global rows name every per-method default', () => {
  // Enum values are code (`adamw`) unless they read as numbers (labelFraction's 1, 0.1).
  const shown = (v: unknown) => (typeof v === 'string' && Number.isNaN(Number(v)) ? `\`${v}\`` : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  const methodKeys = new Set(Object.keys(METHOD_SPECS));
  for (const knob of GLOBAL_KNOBS) {
    it(knob.name, () => {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${knob.name}\` |`));
      expect(row, `README row for ${knob.name}`).toBeDefined();
      const cell = row!.split(' | ')[1];
      expect(cell.startsWith(shown(knob.default)), `${knob.name}: default ${shown(knob.default)} in "${cell}"`).toBe(true);
      const overrides = Object.values(METHOD_SPECS).flatMap((spec) => {
        const value = (spec as MethodSpec).globalDefaults?.[knob.name];
        return value === undefined ? [] : [[spec.key, value] as const];
      });
      const open = cell.indexOf(' (');
      const groups = open >= 0 && overrides.length > 0 ? cell.slice(open + 2, cell.lastIndexOf(')')).split('; ') : [];
      // A group is "`a`, `b`: value[, why]"; every method it names must override the knob with that value.
      const named = new Map<string, string>();
      for (const group of groups) {
        const colon = group.indexOf(': ');
        const value = group.slice(colon + 2).split(',')[0];
        for (const m of group.slice(0, colon).matchAll(/`([a-z]+)`/g)) if (methodKeys.has(m[1])) named.set(m[1], value);
      }
      expect(Object.fromEntries(named)).toEqual(Object.fromEntries(overrides.map(([key, value]) => [key, shown(value)])));
    });
  }
});

describe('README link-format row', () => {
  it('names the current version and says what it changed', () => {
    expect(readme).toContain(`| \`v\` | ${FORMAT_VERSION} | `);
    expect(readme).toMatch(new RegExp(`\\| \`v\` \\| ${FORMAT_VERSION} \\| [^\\n]*; v${FORMAT_VERSION}: `));
  });
});
