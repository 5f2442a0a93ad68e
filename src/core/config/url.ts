import { DATASET_KEYS, type DatasetKey } from './datasets';
import { AUGMENT_KNOBS, GLOBAL_KNOBS } from './globalKnobs';
import { formatKnobValue, parseKnobValue, type Knob, type KnobValue, type KnobValues } from './knobs';
import { METHOD_KEYS, type MethodKey } from './methods';
import { BACKEND_CHOICES, crossFieldProblems, defaultConfig, maxUnlabelled, methodKnobs, type BackendChoice, type ExperimentConfig } from './schema';

/**
 * URL codec. Every field is written, defaults included, so a link keeps meaning the same experiment
 * even if a later version changes a default. Parameter names: DESIGN.md "Public formats".
 */
export function encodeConfig(cfg: ExperimentConfig): string {
  const q = new URLSearchParams();
  q.set('method', cfg.method);
  q.set('dataset', cfg.dataset);
  q.set('backend', cfg.backend);
  for (const k of GLOBAL_KNOBS) q.set(k.name, formatKnobValue(k, cfg[k.name]));
  for (const k of methodKnobs(cfg.method)) q.set(k.name, formatKnobValue(k, cfg.params[k.name]));
  for (const k of AUGMENT_KNOBS) q.set(k.name, formatKnobValue(k, cfg.aug[k.name]));
  return q.toString();
}

export interface DecodeResult {
  config: ExperimentConfig;
  /** Human-readable reasons for every parameter that was not used as given. Empty when all was fine. */
  ignored: string[];
}

/** Accepts a full URL, a query string with or without "?", or a hash fragment ("#method=…"). */
export function decodeConfig(input: string): DecodeResult {
  const ignored: string[] = [];
  const q = new URLSearchParams(extractQuery(input));
  const seen = new Set<string>();
  const rawOf = (name: string): string | undefined => {
    const all = q.getAll(name);
    if (all.length === 0) return undefined;
    seen.add(name);
    if (all.length > 1) ignored.push(`${name} was given ${all.length} times; used the last`);
    return all[all.length - 1];
  };

  const methodRaw = rawOf('method');
  let method: MethodKey = 'simclr';
  if (methodRaw !== undefined) {
    if ((METHOD_KEYS as string[]).includes(methodRaw)) method = methodRaw as MethodKey;
    else ignored.push(`method=${methodRaw} is not a known method (${METHOD_KEYS.join(', ')})`);
  }
  const cfg = defaultConfig(method);

  const datasetRaw = rawOf('dataset');
  if (datasetRaw !== undefined) {
    if ((DATASET_KEYS as string[]).includes(datasetRaw)) cfg.dataset = datasetRaw as DatasetKey;
    else ignored.push(`dataset=${datasetRaw} is not a known dataset (${DATASET_KEYS.join(', ')})`);
  }
  const backendRaw = rawOf('backend');
  if (backendRaw !== undefined) {
    if ((BACKEND_CHOICES as readonly string[]).includes(backendRaw)) cfg.backend = backendRaw as BackendChoice;
    else ignored.push(`backend=${backendRaw} is not one of ${BACKEND_CHOICES.join(', ')}`);
  }

  /** The given values of a table's knobs that parse; each one that does not is reported. */
  const read = <const T extends readonly Knob[]>(knobs: T): Partial<KnobValues<T>> => {
    const values: Record<string, KnobValue> = {};
    for (const knob of knobs) {
      const raw = rawOf(knob.name);
      if (raw === undefined) continue;
      const r = parseKnobValue(knob, raw);
      if ('error' in r) ignored.push(`${r.error}; used ${formatKnobValue(knob, knob.default)}`);
      else values[knob.name] = r.value;
    }
    // parseKnobValue gave each value by its knob's own kind and options.
    return values as Partial<KnobValues<T>>;
  };
  Object.assign(cfg, read(GLOBAL_KNOBS));
  Object.assign(cfg.params, read(methodKnobs(method)));
  Object.assign(cfg.aug, read(AUGMENT_KNOBS));

  for (const name of new Set(q.keys())) {
    if (!seen.has(name)) ignored.push(`unknown parameter "${name}" for method ${method}`);
  }
  repairCrossField(cfg, ignored);
  return { config: cfg, ignored };
}

/** Makes a config that passed per-field checks consistent, saying what it changed. */
function repairCrossField(cfg: ExperimentConfig, ignored: string[]): void {
  for (const p of crossFieldProblems(cfg)) {
    if (p.field === 'n') {
      const probeDefaults = defaultConfig(cfg.method);
      if (cfg.probeTrain + cfg.probeTest >= maxUnlabelled({ ...cfg, probeTrain: 0, probeTest: 0 })) {
        cfg.probeTrain = probeDefaults.probeTrain;
        cfg.probeTest = probeDefaults.probeTest;
      }
      cfg.n = Math.min(cfg.n, maxUnlabelled(cfg));
      ignored.push(`${p.message}; used n=${cfg.n}`);
    } else if (p.field === 'batch') {
      cfg.batch = Math.min(cfg.batch, cfg.n);
      ignored.push(`${p.message}; used batch=${cfg.batch}`);
    } else if (p.field === 'cropMin') {
      cfg.aug.cropMin = cfg.aug.cropMax;
      ignored.push(`${p.message}; used cropMin=${cfg.aug.cropMin}`);
    }
  }
}

/** A whole URL (scheme://… or a path) rather than a bare query string. */
const WHOLE_URL = /^([a-z][a-z\d+.-]*:\/\/|\/)/i;

/** The query part of a share URL, or the input itself when it is a bare query string. */
export function extractQuery(input: string): string {
  const s = input.trim();
  const qIndex = s.indexOf('?');
  const hashIndex = s.indexOf('#');
  if (qIndex >= 0) return s.slice(qIndex + 1, hashIndex > qIndex ? hashIndex : undefined);
  if (hashIndex >= 0) return s.slice(hashIndex + 1);
  // The page opened without parameters (http://host/): nothing to read, nothing to ignore.
  return WHOLE_URL.test(s) ? '' : s;
}
