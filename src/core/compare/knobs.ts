import { DATASET_KEYS } from '../config/datasets';
import { AUGMENT_KNOBS, GLOBAL_KNOBS } from '../config/globalKnobs';
import { formatKnobValue, type EnumKnob, type Knob, type KnobValue } from '../config/knobs';
import { METHOD_KEYS, METHOD_SPECS, type MethodKey } from '../config/methods';
import { BACKEND_CHOICES, defaultConfig, methodKnobs, type ExperimentConfig } from '../config/schema';

/**
 * Every value of an experiment that a sweep or a comparison link can change, by its URL name:
 * the three choice fields (method, dataset, backend) as enum knobs, then the global, augmentation
 * and method tables. One lookup, so sweeps, links and labels agree on names and allowed values.
 */
export type KnobScope = 'choice' | 'global' | 'aug' | 'param';

export interface ScopedKnob {
  scope: KnobScope;
  knob: Knob;
}

const choice = (name: string, label: string, options: readonly string[], dflt: string): EnumKnob => ({
  name,
  label,
  kind: 'enum',
  default: dflt,
  options,
  help: '',
});

export const CHOICE_KNOBS: readonly EnumKnob[] = [
  choice('method', 'Method', METHOD_KEYS, 'simclr'),
  choice('dataset', 'Dataset', DATASET_KEYS, 'mnist'),
  choice('backend', 'Backend', BACKEND_CHOICES, 'auto'),
];

/** The knob a name refers to for an experiment of the given method; null when it has none. */
export function findKnob(name: string, method: MethodKey): ScopedKnob | null {
  const c = CHOICE_KNOBS.find((k) => k.name === name);
  if (c) return { scope: 'choice', knob: c };
  const g = GLOBAL_KNOBS.find((k) => k.name === name);
  if (g) return { scope: 'global', knob: g };
  const a = AUGMENT_KNOBS.find((k) => k.name === name);
  if (a) return { scope: 'aug', knob: a };
  const p = methodKnobs(method).find((k) => k.name === name);
  return p ? { scope: 'param', knob: p } : null;
}

/** Every knob of an experiment of this method, in the order the URL writes them. */
export function allKnobs(method: MethodKey): ScopedKnob[] {
  return [
    ...CHOICE_KNOBS.map((knob) => ({ scope: 'choice' as const, knob })),
    ...GLOBAL_KNOBS.map((knob) => ({ scope: 'global' as const, knob })),
    ...methodKnobs(method).map((knob) => ({ scope: 'param' as const, knob })),
    ...AUGMENT_KNOBS.map((knob) => ({ scope: 'aug' as const, knob })),
  ];
}

export function knobValue(cfg: ExperimentConfig, { scope, knob }: ScopedKnob): KnobValue {
  switch (scope) {
    case 'choice':
    case 'global':
      return (cfg as unknown as Record<string, KnobValue>)[knob.name];
    case 'aug':
      return (cfg.aug as unknown as Record<string, KnobValue>)[knob.name];
    case 'param':
      return cfg.params[knob.name];
  }
}

/**
 * A copy of cfg with one (already validated) value set. Changing the method takes the new method's
 * knob defaults, as the method picker does: a method's knobs mean nothing to another method.
 */
export function withKnobValue(cfg: ExperimentConfig, { scope, knob }: ScopedKnob, value: KnobValue): ExperimentConfig {
  switch (scope) {
    case 'choice':
      if (knob.name === 'method') return { ...cfg, method: value as MethodKey, params: defaultConfig(value as MethodKey).params };
      return { ...cfg, [knob.name]: value };
    case 'global':
      return { ...cfg, [knob.name]: value };
    case 'aug':
      return { ...cfg, aug: { ...cfg.aug, [knob.name]: value } };
    case 'param':
      return { ...cfg, params: { ...cfg.params, [knob.name]: value } };
  }
}

/** What a knob accepts, in words, for error messages ("one of v1, v2", "a number in [0, 1]"). */
export function allowedValues(knob: Knob): string {
  switch (knob.kind) {
    case 'bool':
      return '0 or 1 (false or true)';
    case 'enum':
      return `one of ${knob.options.join(', ')}`;
    case 'int':
      return `a whole number in [${knob.min}, ${knob.max}]`;
    case 'number':
      return `a number in [${knob.min}, ${knob.max}]`;
  }
}

/** A short readable value for labels and tables: "on"/"off" for toggles, the method's name. */
export function displayValue(knob: Knob, v: KnobValue): string {
  if (knob.kind === 'bool') return v ? 'on' : 'off';
  if (knob.name === 'method' && typeof v === 'string' && v in METHOD_SPECS) return METHOD_SPECS[v as MethodKey].label;
  return formatKnobValue(knob, v);
}

export { clip } from '../config/text';
