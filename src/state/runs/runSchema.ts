import { z } from 'zod';
import { METHOD_KEYS } from '../../core/config/methods';
import { parseExperimentConfig } from '../../core/config/schema';
import { EVALUATION_KEYS, runFields, type RunRecord } from '../../core/train/run';

/**
 * The validator for a RunRecord that comes back from outside the running app: an imported file or
 * an IndexedDB record (STYLE: validate everything that crosses the URL, a file or the worker
 * boundary). The fields are the RunRecord's own (core/train/run.ts, runFields) in their JSON form.
 */

/** A year of history at one row per step is ~10 MB of JSON; 50 MB leaves room and still parses in a tab. */
export const MAX_RUN_FILE_BYTES = 50 * 1024 * 1024;
/** An error list longer than this is cut: a broken 100k-row history must not print 100k lines. */
const MAX_ERRORS = 12;
/** One row per step plus step 0, at the largest config.steps (200,000): a longer history cannot be a run. */
export const MAX_HISTORY_ROWS = 200_001;
/**
 * Largest magnitude a stored metric may have. Charts compute max − min of a series, which overflows
 * near ±1.8e308 and leaves an empty chart; no loss or metric of these methods reaches 1e15 before the
 * run loop calls it diverged (a non-finite loss).
 */
export const MAX_METRIC_MAGNITUDE = 1e15;
/** A config's JSON is ~700 characters; a bigger one carries junk whose every key would be reported. */
const MAX_CONFIG_CHARS = 20_000;

export type RunParseResult = { ok: true; run: RunRecord } | { ok: false; errors: string[] };

/**
 * A metric as stored: any number, or null (JSON writes NaN and ±Infinity as null). Whether a
 * non-finite value is allowed depends on the outcome, so that is checked after the shape.
 */
const metricValue = z.union([z.number(), z.nan(), z.literal(Infinity), z.literal(-Infinity), z.null()]);

/** Everything but the config, which has its own validator (parseExperimentConfig). Unknown keys are dropped. */
const runShape = z.object(runFields(metricValue));

/** Validates a run; on failure says why in words, one line per problem, each naming where. */
export function parseRunRecord(input: unknown): RunParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [`a run must be a JSON object with config, history and final; got ${show(input)}`] };
  }
  const raw = input as Record<string, unknown>;
  // Checked before the schema: a 10⁶-row history would be walked (and every bad row reported) first.
  if (Array.isArray(raw.history) && raw.history.length > MAX_HISTORY_ROWS) {
    return fail([`history: ${raw.history.length} rows; a run has at most ${MAX_HISTORY_ROWS} (one per step of at most ${MAX_HISTORY_ROWS - 1} steps, plus step 0)`]);
  }
  const errors: string[] = configErrors(raw.config);
  const shape = runShape.safeParse(raw, { reportInput: true });
  // A loop, never push(...issues): spreading 200k issues as arguments overflows the call stack.
  if (!shape.success) for (const issue of shape.error.issues) errors.push(formatIssue(issue));
  if (errors.length > 0 || !shape.success) return fail(errors);

  const config = parseExperimentConfig(raw.config);
  if (!config.ok) return fail(config.errors); // unreachable: configErrors ran the same check
  const run = shape.data;
  for (const e of consistencyErrors(run, config.config.steps)) errors.push(e);
  if (errors.length > 0) return fail(errors);

  return {
    ok: true,
    run: {
      config: config.config,
      backend: run.backend,
      wallSeconds: run.wallSeconds,
      outcome: run.outcome,
      ...(run.message !== undefined ? { message: run.message } : {}),
      hostReads: run.hostReads,
      stepsPerSecond: run.stepsPerSecond,
      history: run.history.map((row) => ({ ...numbers(row), step: row.step })),
      final: finalNumbers(run.final),
    },
  };
}

/** A file's size, checked before reading it. */
export function runFileSizeError(name: string, bytes: number): string | null {
  if (bytes > MAX_RUN_FILE_BYTES) {
    return `${name} is ${(bytes / 1024 / 1024).toFixed(1)} MB; a run file may be at most ${MAX_RUN_FILE_BYTES / 1024 / 1024} MB`;
  }
  if (bytes === 0) return `${name} is empty`;
  return null;
}

/** Parses a run file's text: JSON first, then the run validator. */
export function parseRunFileText(text: string): RunParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  return parseRunRecord(data);
}

function configErrors(config: unknown): string[] {
  const size = jsonSize(config);
  if (size > MAX_CONFIG_CHARS) return [`config: ${Number.isFinite(size) ? `${size} characters` : 'nested too deeply to read'}; a config is at most ${MAX_CONFIG_CHARS} characters`];
  if (config === undefined) return ['config: missing'];
  const method = (config as { method?: unknown } | null)?.method;
  const unknownMethod = typeof method === 'string' && !(METHOD_KEYS as string[]).includes(method);
  const r = parseExperimentConfig(config);
  if (r.ok) return [];
  // The schema's enum message lists the options but not what it got; say both.
  const own = unknownMethod ? [`config.method: unknown method "${method}" (known: ${METHOD_KEYS.join(', ')})`] : [];
  const rest = r.errors.filter((e) => !(unknownMethod && e.startsWith('method:')));
  return [...own, ...rest.map((e) => (/^[\w.]+: /.test(e) ? `config.${e}` : `config: ${e}`))];
}

/** Length of a value's JSON; Infinity when it is too deeply nested to write (stringify recurses). */
function jsonSize(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

type ParsedRun = z.infer<typeof runShape>;

/** Rules across fields: step order, the config's step budget, accuracies, and where NaN may appear. */
function consistencyErrors(run: ParsedRun, totalSteps: number): string[] {
  const errors: string[] = [];
  // A completed run measured every value it holds; NaN/Infinity (null in JSON) only records how a
  // stopped or diverged run ended (a loss that blew up, a final loss never read).
  const finiteOnly = run.outcome === 'completed';
  const checkMetrics = (where: string, metrics: Record<string, number | null>) => {
    for (const [key, v] of Object.entries(metrics)) {
      if (key === 'step' || key === 'embeddingDim') continue;
      const finite = typeof v === 'number' && Number.isFinite(v);
      if (key.endsWith('Accuracy')) {
        if (!finite || v < 0 || v > 1) errors.push(`${where}.${key}: an accuracy must be a fraction in [0, 1]; got ${show(v)}`);
      } else if (finite && Math.abs(v) > MAX_METRIC_MAGNITUDE) {
        errors.push(`${where}.${key}: ${show(v)} is beyond ±${MAX_METRIC_MAGNITUDE.toExponential()}; no run of this app measures that`);
      } else if (!finite && finiteOnly) {
        errors.push(`${where}.${key}: ${show(v)} in a completed run; only a stopped or diverged run may hold a non-finite value`);
      }
    }
  };
  let previous = -1;
  run.history.forEach((row, i) => {
    if (row.step <= previous) errors.push(`history[${i}].step: ${row.step} does not come after step ${previous}`);
    if (row.step > totalSteps) errors.push(`history[${i}].step: ${row.step} is beyond the ${totalSteps} steps of config.steps`);
    previous = Math.max(previous, row.step);
    checkMetrics(`history[${i}]`, row);
  });
  checkMetrics('final', run.final);
  // A run trained without evaluation (the exported train.py with --no-eval) has none of it; half of it is a broken file.
  const measured = EVALUATION_KEYS.filter((k) => run.final[k] !== undefined);
  if (measured.length > 0 && measured.length < EVALUATION_KEYS.length) {
    errors.push(`final: has ${measured.join(', ')} but not ${EVALUATION_KEYS.filter((k) => !measured.includes(k)).join(', ')}; a run holds its whole evaluation, or none when it was trained without one`);
  }
  // The outcome must agree with how far the history goes.
  const reached = previous;
  if (run.outcome === 'completed' && reached < totalSteps) {
    errors.push(`outcome: "completed" but the history ends at step ${reached} of config.steps ${totalSteps}`);
  }
  if (run.outcome === 'stopped' && reached >= totalSteps) {
    errors.push(`outcome: "stopped" but the history reaches all ${totalSteps} steps of config.steps`);
  }
  return errors;
}

/** null (how JSON writes NaN) back to NaN, so the record holds numbers as run.ts says. */
function orNaN(v: number | null): number {
  return v === null ? NaN : v;
}

/** The final numbers as held; an evaluation the run never made stays absent (not NaN, not 0). */
function finalNumbers(f: ParsedRun['final']): RunRecord['final'] {
  return { ...numbers(f), embeddingDim: f.embeddingDim, loss: orNaN(f.loss) };
}

function numbers(obj: Record<string, number | null | undefined>): Record<string, number> {
  return Object.fromEntries(Object.entries(obj).flatMap(([k, v]) => (v === undefined ? [] : [[k, orNaN(v)]])));
}

function fail(errors: string[]): RunParseResult {
  const shown = errors.slice(0, MAX_ERRORS);
  if (errors.length > MAX_ERRORS) shown.push(`…and ${errors.length - MAX_ERRORS} more problems`);
  return { ok: false, errors: shown };
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path) || 'run';
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `${where}: missing`;
      return `${where}: expected ${issue.expected === 'int' ? 'a whole number' : `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`}, got ${show(input)}`;
    case 'invalid_value':
      return `${where}: ${show(input)} is not one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_union':
      // Only metric values are unions here.
      return `${where}: expected a number, got ${show(input)}`;
    case 'too_small':
      if (issue.origin === 'array') return `${where}: is empty; a run has at least the step-0 row`;
      if (issue.origin === 'string') return `${where}: is empty`;
      return `${where}: ${show(input)} is below ${issue.minimum}`;
    case 'too_big':
      return `${where}: ${show(input)} is above ${issue.maximum}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** A value as a person would read it in an error: strings quoted, NaN named, long things cut. */
function show(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}
