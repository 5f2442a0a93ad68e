import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_KEYS, METHOD_SPECS } from '../config/methods';
import { METHODS } from '.';

const root = join(__dirname, '..', '..', '..');

describe('the method registry', () => {
  it.each(METHOD_KEYS)('%s: its entry is built from its own spec', (key) => {
    expect(METHODS[key].key).toBe(key);
    expect(METHODS[key].spec).toBe(METHOD_SPECS[key]);
  });
});

// CONTRIBUTING.md's worked example is a real method: its code blocks are the files, so it compiles
// and trains (the every-method tests run it) as long as this holds.
describe('CONTRIBUTING.md', () => {
  const doc = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');
  it.each(['src/core/config/methods/simclr.ts', 'src/core/methods/simclr.ts'])('shows %s as it is', (path) => {
    const block = doc.split(`\`${path}\`:\n\n\`\`\`ts\n`)[1]?.split('\n```')[0];
    expect(block, `no code block for ${path}`).toBeDefined();
    expect(block).toBe(readFileSync(join(root, path), 'utf8').trimEnd());
  });
});
