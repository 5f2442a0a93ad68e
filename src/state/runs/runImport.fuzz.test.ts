import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/random';
import { realRunJson } from './fixture';
import { parseRunFileText, parseRunRecord } from './runSchema';

/**
 * Fuzz: run files broken at random places with random and adversarial values, sizes and nesting.
 * The parser never throws, accepts only what the schema accepts, and a refusal names every problem
 * (at most 12 lines, then a count), each line short and pointing at a field.
 */

type Json = unknown;
const NASTY: Json[] = [null, '', 'x', 'w'.repeat(100_000), NaN, Infinity, -Infinity, 1e308, -1e308, -1, 0.5, 2 ** 53, [], {}, [[[[[]]]]], { step: 'x' }, true, '__proto__', { __proto__: { polluted: 1 } }];

function mutate(value: Json, rng: () => number, depth = 0): Json {
  if (rng() < 0.15 || depth > 6) {
    const r = rng();
    if (r < 0.6) return NASTY[Math.floor(rng() * NASTY.length)];
    if (r < 0.8) return (rng() - 0.5) * 10 ** Math.floor(rng() * 20);
    return Array.from({ length: Math.floor(rng() * 50) }, () => rng());
  }
  if (Array.isArray(value)) return value.map((v) => mutate(v, rng, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) if (rng() > 0.03) out[k] = mutate(v, rng, depth + 1);
    if (rng() < 0.05) out[`extra${Math.floor(rng() * 9)}`] = mutate(1, rng, depth + 1);
    return out;
  }
  return value;
}

function checkRefusalOrRun(input: Json) {
  const r = parseRunRecord(input);
  if (r.ok) {
    expect(r.run.history.length).toBeGreaterThan(0);
    return;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  expect(r.errors.length).toBeLessThanOrEqual(13);
  for (const e of r.errors) {
    expect(e.length).toBeLessThanOrEqual(400);
    // Every line says where, or is the "…and N more" count.
    expect(e).toMatch(/^(…and \d+ more problems|[\w.[\]]+: |a run must be)/);
  }
}

describe('run import fuzz', () => {
  it('1,000 randomly broken real runs: no throw, every problem placed', () => {
    const rng = mulberry32(21);
    for (let i = 0; i < 1000; i++) checkRefusalOrRun(mutate(realRunJson(), rng));
  });

  it('random text and broken JSON: refused in words, never thrown', () => {
    const rng = mulberry32(22);
    const good = JSON.stringify(realRunJson());
    for (let i = 0; i < 300; i++) {
      const cut = good.slice(0, Math.floor(rng() * good.length));
      const r = parseRunFileText(rng() < 0.5 ? cut : cut + String.fromCharCode(Math.floor(rng() * 0xffff)));
      if (!r.ok) expect(r.errors[0].length).toBeGreaterThan(0);
    }
  });

  it('adversarial sizes and nesting', () => {
    const deepArray = '['.repeat(50_000) + ']'.repeat(50_000);
    const wide = JSON.stringify({ ...realRunJson(), final: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`m${i}`, 'x'])) });
    for (const text of [deepArray, wide, '"' + 'x'.repeat(1_000_000) + '"', '1e400', '{"config":'.repeat(10_000)]) {
      const r = parseRunFileText(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.length).toBeLessThanOrEqual(13);
    }
  });
});
