import { describe, expect, it } from 'vitest';
import { decodePageLink, encodeComparisonLink } from '../compare/pageLink';
import { mulberry32 } from '../random';
import { parseExperimentConfig } from './schema';
import { MAX_NOTICES } from './text';
import { decodeConfig, encodeConfig } from './url';
import { GLOBAL_KNOBS } from './globalKnobs';

/**
 * Fuzz: random and adversarial links. Whatever comes in, the decoder returns a valid config, never
 * throws, shows at most MAX_NOTICES + 1 short lines, and names every parameter it did not use as given.
 */

const NAMES = ['method', 'dataset', 'backend', 'hide', 'run', ...GLOBAL_KNOBS.map((k) => k.name), 'temperature', 'crop', 'x', '__proto__', 'constructor'];
const NASTY = ['', ' ', '0x20', '1e1', '1e308', '-1e308', 'NaN', 'Infinity', '-0', '007', ' 5', '5 ', '%00', '\u0000', '<script>alert(1)</script>', '"><img src=x>', '💥'.repeat(50), 'a'.repeat(5000), '9'.repeat(400), ',,,:,:', 'method:byol,method:byol', '%', '%%41', '&&&', '==', '1.', '.5', '0.', '+1', '١٢٣'];

function randomValue(rng: () => number): string {
  const r = rng();
  if (r < 0.4) return NASTY[Math.floor(rng() * NASTY.length)];
  if (r < 0.7) return String((rng() - 0.3) * 10 ** Math.floor(rng() * 12));
  const len = Math.floor(rng() * 30);
  return Array.from({ length: len }, () => String.fromCharCode(Math.floor(rng() * 0x3000))).join('');
}

function randomLink(rng: () => number): string {
  const n = Math.floor(rng() * (rng() < 0.05 ? 400 : 25));
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = rng() < 0.8 ? NAMES[Math.floor(rng() * NAMES.length)] : randomValue(rng);
    const raw = `${encodeURIComponent(name)}=${rng() < 0.5 ? encodeURIComponent(randomValue(rng)) : randomValue(rng)}`;
    parts.push(raw);
  }
  const q = parts.join('&');
  const prefix = ['', '?', '#', 'https://example.org/app/?', '/x?y#'][Math.floor(rng() * 5)];
  return prefix + q;
}

function check(link: string) {
  const single = decodeConfig(link);
  expect(parseExperimentConfig(single.config).ok).toBe(true);
  const page = decodePageLink(link);
  expect(parseExperimentConfig(page.base).ok).toBe(true);
  for (const notices of [single.ignored, page.notices]) {
    expect(notices.length).toBeLessThanOrEqual(MAX_NOTICES + 1);
    for (const n of notices) expect(n.length).toBeLessThanOrEqual(400);
  }
  for (const c of page.runs ?? []) expect(parseExperimentConfig(c).ok).toBe(true);
  // The page writes a comparison back into the address bar; that needs at least one run.
  if (page.runs) expect(() => encodeComparisonLink(page.runs!, page.hide)).not.toThrow();
  return { single, page };
}

describe('URL decoder fuzz', () => {
  it('2,000 random links: valid config, no throw, short capped notices', () => {
    const rng = mulberry32(8);
    for (let i = 0; i < 2000; i++) check(randomLink(rng));
  });

  it('every parameter not used as given is named (one notice per bad value while under the cap)', () => {
    const rng = mulberry32(9);
    for (let i = 0; i < 300; i++) {
      const knob = GLOBAL_KNOBS[Math.floor(rng() * GLOBAL_KNOBS.length)];
      const raw = randomValue(rng);
      const { single } = check(`${knob.name}=${encodeURIComponent(raw)}`);
      const used = single.config[knob.name as keyof typeof single.config];
      // Either the value was taken exactly as written (a switch as 0/1/true/false, -0 as the number 0), or a notice names the parameter.
      const asWritten = knob.kind === 'bool' ? ['0', '1', 'false', 'true'].includes(raw) && used === (raw === '1' || raw === 'true') : String(used) === raw || (raw === '-0' && used === 0);
      if (!asWritten) expect(single.ignored.some((n) => n.includes(knob.name))).toBe(true);
    }
  });

  it('adversarial shapes: huge, many, repeated, deep', () => {
    const links = [
      `method=${'x'.repeat(100_000)}`,
      `steps=${'9'.repeat(200_000)}`,
      Array.from({ length: 3000 }, (_, i) => `p${i}=1`).join('&'),
      Array.from({ length: 3000 }, () => 'steps=5').join('&'),
      Array.from({ length: 100 }, (_, i) => `run=steps:${i + 1}`).join('&'),
      `run=${'method:byol,'.repeat(5000)}`,
      `hide=${'augment,'.repeat(10_000)}`,
      '%E0%A4%A'.repeat(1000),
      `${encodeConfig(decodeConfig('').config)}&n=9999&probeTrain=9999&probeTest=9999`,
      'a'.repeat(300_000),
    ];
    for (const link of links) check(link);
  });
});
