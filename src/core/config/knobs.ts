/**
 * Knob tables: one row per tunable value. A table drives the config schema, the URL codec and the
 * UI controls (TensorFlow Playground's State.PROPS habit). This file is tfjs-free so the main
 * thread can import it.
 */
import { clip } from './text';

export type KnobValue = number | boolean | string;

interface KnobBase {
  /** Name in the config and the URL. Unique across the global, augmentation and method tables. */
  name: string;
  label: string;
  /** One line for the UI: what the knob does and why the default is what it is. */
  help: string;
}
export interface NumberKnob extends KnobBase {
  kind: 'number' | 'int';
  default: number;
  min: number;
  max: number;
  step?: number;
  /** Slider on a log scale (learning rates, temperatures). */
  log?: boolean;
}
export interface BoolKnob extends KnobBase {
  kind: 'bool';
  default: boolean;
}
export interface EnumKnob extends KnobBase {
  kind: 'enum';
  default: string;
  options: readonly string[];
}
export type Knob = NumberKnob | BoolKnob | EnumKnob;

/** The value a knob holds: boolean for a switch, one of its options for an enum, else a number. */
export type ValueOf<K extends Knob> = K extends BoolKnob ? boolean : K extends { kind: 'enum'; options: readonly (infer O extends string)[] } ? O : number;

/**
 * The typed values of a knob table written `as const`: `{ temperature: number; mocoVersion: 'v1' | 'v2'; … }`.
 * This is the contract between a method's spec and its code (methods/define.ts), and the source of
 * AugmentConfig and ExperimentConfig's global fields (schema.ts).
 */
export type KnobValues<T extends readonly Knob[]> = { -readonly [K in T[number] as K['name']]: ValueOf<K> };

export function knobDefaults<const T extends readonly Knob[]>(knobs: T): KnobValues<T> {
  // The one place a table's entries become its typed record: each value is the knob's own default.
  return Object.fromEntries(knobs.map((k) => [k.name, k.default])) as KnobValues<T>;
}

/**
 * Reads a table's values out of an untyped record (ExperimentConfig.params), checking each one, so the
 * typed record a method receives holds what its type says. Throws on a missing or invalid value:
 * configs are validated where they enter (schema.ts, url.ts), so this only fails on a programming error.
 */
export function knobValues<const T extends readonly Knob[]>(knobs: T, values: Readonly<Record<string, unknown>>, owner: string): KnobValues<T> {
  const out: Record<string, KnobValue> = {};
  for (const knob of knobs) {
    const r = checkKnobValue(knob, values[knob.name]);
    if ('error' in r) throw new Error(`${owner}: ${r.error}`);
    out[knob.name] = r.value;
  }
  return out as KnobValues<T>;
}

/** A number as links write it: optional minus, no leading zeros (but "0.5"), optional fraction. */
const PLAIN_DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Parses one URL string value for a knob; returns an error message instead of throwing. */
export function parseKnobValue(knob: Knob, raw: string): { value: KnobValue } | { error: string } {
  switch (knob.kind) {
    case 'bool':
      if (raw === '1' || raw === 'true') return { value: true };
      if (raw === '0' || raw === 'false') return { value: false };
      return { error: `${knob.name}=${clip(raw)} is not 0/1/true/false` };
    case 'enum':
      return knob.options.includes(raw) ? { value: raw } : { error: `${knob.name}=${clip(raw)} is not one of ${knob.options.join(', ')}` };
    case 'number':
    case 'int': {
      // Plain decimals only, as formatKnobValue writes them: Number() would also take "0x20", "1e1",
      // " 500 " and "", each a way to hide what a link really sets.
      if (!PLAIN_DECIMAL.test(raw)) return { error: `${knob.name}=${clip(raw)} is not a plain decimal number (digits, one optional point, no spaces, exponents or hex)` };
      return checkNumber(knob, Number(raw), raw);
    }
  }
}

export function checkKnobValue(knob: Knob, v: unknown): { value: KnobValue } | { error: string } {
  switch (knob.kind) {
    case 'bool':
      return typeof v === 'boolean' ? { value: v } : { error: `${knob.name} must be true or false` };
    case 'enum':
      return typeof v === 'string' && knob.options.includes(v) ? { value: v } : { error: `${knob.name} must be one of ${knob.options.join(', ')}` };
    default:
      return typeof v === 'number' ? checkNumber(knob, v, String(v)) : { error: `${knob.name} must be a number` };
  }
}

function checkNumber(knob: NumberKnob, v: number, rawText: string): { value: number } | { error: string } {
  const raw = clip(rawText);
  if (!Number.isFinite(v)) return { error: `${knob.name}=${raw} is not a number` };
  if (knob.kind === 'int' && !Number.isInteger(v)) return { error: `${knob.name}=${raw} is not a whole number` };
  if (v < knob.min || v > knob.max) return { error: `${knob.name}=${raw} is outside [${knob.min}, ${knob.max}]` };
  return { value: v };
}

export function formatKnobValue(knob: Knob, v: KnobValue): string {
  if (knob.kind === 'bool') return v ? '1' : '0';
  const s = String(v);
  // String() writes below 1e-6 with an exponent, which the reader refuses: write the digits out.
  return typeof v === 'number' && /e/i.test(s) ? v.toFixed(20).replace(/\.?0+$/, '') : s;
}
