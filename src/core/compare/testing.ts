import type { Knob, KnobValue } from '../config/knobs';
import { METHOD_KEYS } from '../config/methods';
import { crossFieldProblems, defaultConfig, parseExperimentConfig, type ExperimentConfig } from '../config/schema';
import { mulberry32 } from '../random';
import { allKnobs, withKnobValue } from './knobs';

/** Deterministic generator for property tests: the app's own seeded stream. */
export const rng = mulberry32;

export function randomValue(knob: Knob, r: () => number): KnobValue {
  switch (knob.kind) {
    case 'bool':
      return r() < 0.5;
    case 'enum':
      return knob.options[Math.floor(r() * knob.options.length)];
    case 'int':
      return knob.min + Math.floor(r() * Math.min(knob.max - knob.min + 1, 5000));
    case 'number':
      // Full doubles, not round numbers: the codec must carry every bit.
      return knob.min + r() * (knob.max - knob.min);
  }
}

/** A valid config of a random method with about half its knobs set to random values. */
export function randomConfig(r: () => number): ExperimentConfig {
  for (;;) {
    let cfg = defaultConfig(METHOD_KEYS[Math.floor(r() * METHOD_KEYS.length)]);
    for (const k of allKnobs(cfg.method)) {
      if (k.knob.name === 'method' || r() < 0.5) continue;
      cfg = withKnobValue(cfg, k, randomValue(k.knob, r));
    }
    if (crossFieldProblems(cfg).length === 0 && parseExperimentConfig(cfg).ok) return cfg;
  }
}
