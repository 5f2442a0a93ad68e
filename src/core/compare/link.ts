import { formatKnobValue, parseKnobValue, type KnobValue } from '../config/knobs';
import { parseExperimentConfig, type ExperimentConfig } from '../config/schema';
import { decodeConfig, encodeConfig, extractQuery } from '../config/url';
import { allKnobs, allowedValues, clip, CHOICE_KNOBS, findKnob, knobValue, withKnobValue } from './knobs';
import { MAX_RUNS } from './sweep';

/**
 * Comparison links: one URL for a set of experiments (a comparison or a sweep). It is a single-
 * experiment link (the base: every field, as url.ts writes it) plus one `run` parameter per
 * experiment listing only what differs from the base, as `name:value` pairs joined by commas:
 *
 *   ?method=byol&…&run=&run=predictor:0&run=ema:0&run=predictor:0,ema:0
 *
 * `run=` (empty) is the base itself. A run that changes `method` starts from that method's knob
 * defaults, so its other pairs are relative to those. Values are written as in single links.
 */
export const RUN_PARAM = 'run';
const METHOD_KNOB = { scope: 'choice' as const, knob: CHOICE_KNOBS[0] };
/** Longest notice line: a 100k-character value must not flood the page. */
const MAX_NOTICE = 240;

/** Whether a link (URL, query or hash) is a comparison link rather than a single experiment. */
export function isComparisonLink(input: string): boolean {
  return new URLSearchParams(extractQuery(input)).has(RUN_PARAM);
}

/** The `name:value` pairs that turn `base` into `cfg`, method first. */
export function runDiff(base: ExperimentConfig, cfg: ExperimentConfig): [string, string][] {
  const pairs: [string, string][] = [];
  let ref = base;
  if (cfg.method !== base.method) {
    pairs.push(['method', cfg.method]);
    ref = withKnobValue(base, METHOD_KNOB, cfg.method);
  }
  for (const k of allKnobs(cfg.method)) {
    if (k.knob.name === 'method') continue;
    const v = formatKnobValue(k.knob, knobValue(cfg, k));
    if (v !== formatKnobValue(k.knob, knobValue(ref, k))) pairs.push([k.knob.name, v]);
  }
  return pairs;
}

/** The query string (no "?") of a comparison link; the first config is the base. */
export function encodeComparison(configs: readonly ExperimentConfig[]): string {
  if (configs.length === 0) throw new Error('a comparison link needs at least one experiment');
  const base = configs[0];
  // ',' and ':' are legal in a query and read back as themselves; names and values are escaped.
  const runs = configs.map((cfg) => `${RUN_PARAM}=${runDiff(base, cfg).map(([n, v]) => `${encodeURIComponent(n)}:${encodeURIComponent(v)}`).join(',')}`);
  return [encodeConfig(base), ...runs].join('&');
}

export interface ComparisonDecodeResult {
  base: ExperimentConfig;
  configs: ExperimentConfig[];
  /** Everything not used as given, in words (clipped): the same notices a single link gets, plus runs left out. */
  notices: string[];
}

type RunParse = { ok: true; config: ExperimentConfig } | { ok: false; error: string };

/** One run of a comparison link: `base` with a `run` parameter's `name:value` pairs applied, validated. */
export function applyRun(base: ExperimentConfig, raw: string): RunParse {
  const pairs: [string, string][] = [];
  for (const item of raw === '' ? [] : raw.split(',')) {
    const colon = item.indexOf(':');
    if (colon <= 0) return { ok: false, error: `"${clip(item)}" is not name:value` };
    pairs.push([item.slice(0, colon), item.slice(colon + 1)]);
  }
  const names = pairs.map(([n]) => n);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) return { ok: false, error: `${clip(twice)} is given twice` };
  let cfg = base;
  // The method first: the other names are read against the run's own method.
  const ordered = [...pairs.filter(([n]) => n === 'method'), ...pairs.filter(([n]) => n !== 'method')];
  for (const [name, value] of ordered) {
    const k = findKnob(name, cfg.method);
    if (!k) return { ok: false, error: `${cfg.method} has no knob "${clip(name)}"` };
    const r = parseKnobValue(k.knob, value);
    if ('error' in r) return { ok: false, error: `${name}=${clip(value)} is not ${allowedValues(k.knob)}` };
    cfg = withKnobValue(cfg, k, r.value as KnobValue);
  }
  const parsed = parseExperimentConfig(cfg);
  return parsed.ok ? { ok: true, config: parsed.config } : { ok: false, error: parsed.errors.join('; ') };
}

/**
 * Reads a comparison link with the same validation as a single link: the base's notices are
 * url.ts's own; a run that does not validate is left out and named; past MAX_RUNS runs the rest are
 * left out and counted. Never throws; raw text in notices is clipped and meant to be shown as text.
 */
export function decodeComparison(input: string): ComparisonDecodeResult {
  const q = new URLSearchParams(extractQuery(input));
  const raws = q.getAll(RUN_PARAM);
  q.delete(RUN_PARAM);
  const { config: base, ignored } = decodeConfig(q.toString());
  const notices = ignored.map((n) => clip(n, MAX_NOTICE));
  if (raws.length > MAX_RUNS) notices.push(`the link holds ${raws.length} runs; only the first ${MAX_RUNS} were kept`);
  const configs: ExperimentConfig[] = [];
  raws.slice(0, MAX_RUNS).forEach((raw, i) => {
    const r = applyRun(base, raw);
    if (r.ok) configs.push(r.config);
    else notices.push(clip(`run ${i + 1} was left out: ${r.error}`, MAX_NOTICE));
  });
  return { base, configs, notices };
}
