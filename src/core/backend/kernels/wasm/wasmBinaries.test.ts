import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { generatedModule } from '../../../../../scripts/build-wasm-kernels.mjs';

// Every hand-written kernel's committed binary (<name>.wasm.ts) is what its source (<name>.wat)
// assembles to today: editing a .wat without rerunning `node scripts/build-wasm-kernels.mjs` fails here.
const dir = __dirname;
const sources = readdirSync(dir).filter((f) => f.endsWith('.wat'));

describe('assembled wasm kernels', () => {
  it('has the conv and batched-matmul kernels', () => {
    expect(sources).toContain('conv.wat');
    expect(sources).toContain('matmul.wat');
  });

  it.each(sources)('%s matches its committed .wasm.ts', async (file) => {
    const expected = await generatedModule(file, readFileSync(join(dir, file), 'utf8'));
    expect(readFileSync(join(dir, file.replace(/\.wat$/, '.wasm.ts')), 'utf8')).toBe(expected);
  });
});
