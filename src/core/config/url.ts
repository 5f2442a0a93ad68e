import { DATASET_KEYS, builtInSpec, isDatasetKey, type DatasetKey } from './datasets';
import { AUG_V1_VALUES, AUGMENT_KNOBS, GLOBAL_KNOBS } from './globalKnobs';
import { formatKnobValue, parseKnobValue, type Knob, type KnobValue, type KnobValues } from './knobs';
import { METHOD_KEYS, type MethodKey } from './methods';
import { BACKEND_CHOICES, crossFieldProblems, defaultConfig, maxUnlabelled, methodKnobs, type BackendChoice, type ExperimentConfig } from './schema';
import { defaultsOfVersion, FORMAT_VERSION, GLOBALS_BEFORE_V3, V1_LINK_NAMES } from './versions';
import { capNotices, clip } from './text';

/**
 * Limits on what a link may hold. A full single link is ~700 characters and a 32-run comparison a
 * few thousand. Past this nothing is read (Chromium itself refuses URLs over 2 MB); below it a long
 * value is refused on its own and shown clipped, so one bad value does not cost the others.
 */
export const MAX_LINK_CHARS = 256_000;
/** A single link has ~45 parameters, a comparison at most 32 more: past this the rest is not read. */
export const MAX_LINK_PARAMS = 200;

/**
 * The query of a link with the limits applied: a link that is too long is not read at all (cutting it
 * could change a value), parameters past MAX_LINK_PARAMS are dropped; each says so in `notices`.
 */
export function readLinkQuery(input: string): { query: URLSearchParams; notices: string[] } {
  const raw = extractQuery(input);
  if (raw.length > MAX_LINK_CHARS) {
    return { query: new URLSearchParams(), notices: [`the link is ${raw.length} characters long; links up to ${MAX_LINK_CHARS} are read, so none of it was used`] };
  }
  const all = [...new URLSearchParams(raw)];
  if (all.length <= MAX_LINK_PARAMS) return { query: new URLSearchParams(all), notices: [] };
  return {
    query: new URLSearchParams(all.slice(0, MAX_LINK_PARAMS)),
    notices: [`the link holds ${all.length} parameters; only the first ${MAX_LINK_PARAMS} were read`],
  };
}

/**
 * URL codec. Every field is written, defaults included, with the format version `v`, so a link keeps
 * meaning the same experiment when a later version changes a default or adds a knob (versions.ts).
 * Parameter names: DESIGN.md "Public formats".
 */
export function encodeConfig(cfg: ExperimentConfig): string {
  const q = new URLSearchParams();
  q.set('v', String(FORMAT_VERSION));
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
  const { query: q, notices: ignored } = readLinkQuery(input);
  const seen = new Set<string>();
  const rawOf = (name: string): string | undefined => {
    const all = q.getAll(name);
    if (all.length === 0) return undefined;
    seen.add(name);
    if (all.length > 1) ignored.push(`${clip(name)} was given ${all.length} times; used the last`);
    return all[all.length - 1];
  };

  const methodRaw = rawOf('method');
  let method: MethodKey = 'simclr';
  if (methodRaw !== undefined) {
    if ((METHOD_KEYS as string[]).includes(methodRaw)) method = methodRaw as MethodKey;
    else ignored.push(`method=${clip(methodRaw)} is not a known method (${METHOD_KEYS.join(', ')})`);
  }
  const cfg = defaultConfig(method);
  // Knobs an older version could not carry mean what that version trained with (versions.ts).
  const version = linkVersion(q, rawOf('v'), ignored);
  if (version < 2) Object.assign(cfg.aug, AUG_V1_VALUES);
  if (version < 3) Object.assign(cfg, GLOBALS_BEFORE_V3);
  const before = defaultsOfVersion(method, version);
  Object.assign(cfg, before.globals);
  Object.assign(cfg.params, before.params);

  const datasetRaw = rawOf('dataset');
  if (datasetRaw !== undefined) {
    if (isDatasetKey(datasetRaw)) cfg.dataset = datasetRaw;
    else ignored.push(`dataset=${clip(datasetRaw)} is not a known dataset (${DATASET_KEYS.join(', ')}, cifar10, own-<id>)`);
  }
  const backendRaw = rawOf('backend');
  if (backendRaw !== undefined) {
    if ((BACKEND_CHOICES as readonly string[]).includes(backendRaw)) cfg.backend = backendRaw as BackendChoice;
    else ignored.push(`backend=${clip(backendRaw)} is not one of ${BACKEND_CHOICES.join(', ')}`);
  }

  /**
   * The given values of a table's knobs that parse; each one that does not is reported with the value used
   * instead, from `current` (the method's or the link version's default, which may not be the knob's own).
   */
  const read = <const T extends readonly Knob[]>(knobs: T, current: Readonly<Record<string, unknown>>): Partial<KnobValues<T>> => {
    const values: Record<string, KnobValue> = {};
    for (const knob of knobs) {
      const raw = rawOf(knob.name);
      if (raw === undefined) continue;
      const r = parseImageCount(knob, raw, cfg.dataset) ?? parseKnobValue(knob, raw);
      if ('error' in r) ignored.push(`${r.error}; used ${formatKnobValue(knob, (current[knob.name] as KnobValue | undefined) ?? knob.default)}`);
      else values[knob.name] = r.value;
    }
    // parseKnobValue gave each value by its knob's own kind and options.
    return values as Partial<KnobValues<T>>;
  };
  Object.assign(cfg, read(GLOBAL_KNOBS, cfg));
  Object.assign(cfg.params, read(methodKnobs(method), cfg.params));
  Object.assign(cfg.aug, read(AUGMENT_KNOBS, cfg.aug));

  for (const name of new Set(q.keys())) {
    if (!seen.has(name)) ignored.push(`unknown parameter "${clip(name)}" for method ${method}`);
  }
  repairCrossField(cfg, ignored);
  return { config: cfg, ignored: capNotices(ignored) };
}

/**
 * The format version a link was written in: its `v`; without one, version 1 when it names every
 * parameter version 1 wrote (that app wrote them all), else the current version (a query typed by
 * hand, a preset, or a page opened with a few parameters means today's defaults).
 */
function linkVersion(q: URLSearchParams, raw: string | undefined, ignored: string[]): number {
  if (raw === undefined) return V1_LINK_NAMES.every((name) => q.has(name)) ? 1 : FORMAT_VERSION;
  const v = Number(raw);
  if (Number.isInteger(v) && v >= 1 && v <= FORMAT_VERSION) return v;
  if (Number.isInteger(v) && v > FORMAT_VERSION) {
    ignored.push(`v=${clip(raw)}: this link comes from a newer version of the app; read as v${FORMAT_VERSION}, parameters it does not know are listed here`);
  } else ignored.push(`v=${clip(raw)} is not a format version (1–${FORMAT_VERSION}); read as v${FORMAT_VERSION}`);
  return FORMAT_VERSION;
}

/** Knobs that count images: their range is the chosen dataset's size, not the largest dataset's. */
const IMAGE_COUNTS = new Set(['n', 'probeTrain', 'probeTest']);

/** An image count read against the chosen dataset's size; null for other knobs. */
function parseImageCount(knob: Knob, raw: string, dataset: DatasetKey): { value: KnobValue } | { error: string } | null {
  if (!IMAGE_COUNTS.has(knob.name) || knob.kind !== 'int') return null;
  // A user's dataset is checked against its real size when it loads (schema.ts maxUnlabelled).
  const count = builtInSpec(dataset)?.count;
  if (count === undefined) return null;
  const r = parseKnobValue({ ...knob, max: Math.min(knob.max, count) }, raw);
  return 'error' in r && / is outside \[/.test(r.error) ? { error: `${r.error} (${dataset} has ${count} images)` } : r;
}

/** Makes a config that passed per-field checks consistent, saying what it changed. */
function repairCrossField(cfg: ExperimentConfig, ignored: string[]): void {
  for (const p of crossFieldProblems(cfg)) {
    if (p.field === 'n') {
      const probeDefaults = defaultConfig(cfg.method);
      const used: string[] = [];
      if (cfg.probeTrain + cfg.probeTest >= maxUnlabelled({ ...cfg, probeTrain: 0, probeTest: 0 })) {
        cfg.probeTrain = probeDefaults.probeTrain;
        cfg.probeTest = probeDefaults.probeTest;
        used.push(`probeTrain=${cfg.probeTrain}`, `probeTest=${cfg.probeTest}`);
      }
      cfg.n = Math.min(cfg.n, maxUnlabelled(cfg));
      used.push(`n=${cfg.n}`);
      ignored.push(`${p.message}; used ${used.join(', ')}`);
    } else if (p.field === 'batch') {
      cfg.batch = Math.min(cfg.batch, cfg.n);
      ignored.push(`${p.message}; used batch=${cfg.batch}`);
    } else if (p.field === 'evalDataset') {
      cfg.evalDataset = 'same';
      ignored.push(`${p.message}; used evalDataset=same`);
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
