import { parseKnobValue, type Knob, type KnobValue } from '../config/knobs';
import { allowedValues, clip } from './knobs';

/**
 * The values a sweep gives one knob, written as on the command line and in the sweep builder:
 *   a list          0.25,0.5,0.75        (any knob; toggles as 0,1; choices by name)
 *   a linear range  0.1..0.9:5           (count values, both ends included)
 *   a log range     1e-4..1e-2:3:log     (evenly spaced exponents: 1e-4, 1e-3, 1e-2)
 * Whole-number knobs round range values and drop repeats.
 */
export const MAX_VALUES = 32;
const RANGE = /^\s*([^.:][^:]*?)\s*\.\.\s*([^:]+?)\s*:\s*(\d+)\s*(?::\s*(lin|log)\s*)?$/;

export type ValuesResult = { ok: true; values: KnobValue[] } | { ok: false; error: string };

export function rangeValues(lo: number, hi: number, count: number, scale: 'lin' | 'log'): number[] {
  if (count === 1) return [lo];
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = i / (count - 1);
    const v = scale === 'log' ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo);
    // 12 significant digits: 0.1 + 0.2 steps read back as 0.3, not 0.30000000000000004.
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

export function parseValues(knob: Knob, spec: string): ValuesResult {
  const bad = (why: string): ValuesResult => ({ ok: false, error: `${knob.name}=${clip(spec)}: ${why}; ${knob.name} takes ${allowedValues(knob)}` });
  const range = RANGE.exec(spec);
  let raw: string[];
  if (range) {
    if (knob.kind !== 'number' && knob.kind !== 'int') return bad('a range needs a numeric knob');
    const [lo, hi, count] = [Number(range[1]), Number(range[2]), Number(range[3])];
    const scale = range[4] === 'log' ? 'log' : 'lin';
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return bad('the range ends are not numbers');
    if (count < 1 || count > MAX_VALUES) return bad(`a range needs a count from 1 to ${MAX_VALUES}`);
    if (scale === 'log' && (lo <= 0 || hi <= 0)) return bad('a log range needs ends above 0');
    let values = rangeValues(lo, hi, count, scale);
    if (knob.kind === 'int') values = values.map(Math.round);
    raw = values.map(String);
  } else {
    raw = spec.split(',').map((s) => s.trim());
    if (raw.some((s) => s === '')) return bad('an empty value in the list');
    if (raw.length > MAX_VALUES) return bad(`more than ${MAX_VALUES} values`);
  }
  const values: KnobValue[] = [];
  for (const r of raw) {
    const parsed = parseKnobValue(knob, r);
    if ('error' in parsed) return bad(`${clip(r)} is not allowed`);
    if (!values.includes(parsed.value)) values.push(parsed.value);
  }
  return { ok: true, values };
}
