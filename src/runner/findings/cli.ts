// `npm run findings`: runs the lecture's findings (claims.ts) through the headless runner's core and
// writes docs/FINDINGS.md. Each run's numbers are kept in docs/findings/<claim>/<variant>-seed<k>.json,
// so an interrupted or partial run resumes, and the document can be re-rendered (--render-only).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeConfig } from '../../core/config/url';
import { startRunnerBackend, trainOne } from '../trainOne';
import { CLAIMS, type Claim } from './claims';
import { DEFAULTS_ID, DEFAULT_VARIANTS, LONGER_ID, LONGER_VARIANTS, renderDefaults } from './defaults';
import { LABEL_EFFICIENCY_ID, LABEL_EFFICIENCY_VARIANTS, renderLabelEfficiency } from './labelEfficiency';
import { renderParity } from './parity';
import { composeQuery, renderClaim, stat, type RunSummary } from './render';

const USAGE = `Usage: npm run findings -- [--only id,id] [--variants label,label] [--seeds 1,2,3] [--set 'steps=300&n=2000'] [--render-only] [--dir docs/findings] [--doc docs/FINDINGS.md]

Runs every claim's variants (and, under id "${DEFAULTS_ID}", every method at its defaults) for each seed
on WASM (--variants: only the variants with these labels), skipping runs already recorded, then writes the document. --set overrides knobs of every run
(a smaller budget); the document states it. Claims: ${[DEFAULTS_ID, LABEL_EFFICIENCY_ID, ...CLAIMS.map((c) => c.id)].join(', ')}.`;

interface Args {
  only: string[] | null;
  variants: string[] | null;
  seeds: number[];
  set: string;
  renderOnly: boolean;
  dir: string;
  doc: string;
}

export function parseFindingsArgs(argv: string[]): Args {
  const args: Args = { only: null, variants: null, seeds: [1, 2, 3], set: '', renderOnly: false, dir: 'docs/findings', doc: 'docs/FINDINGS.md' };
  const known = new Set(sections(null).map((c) => c.id));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n\n${USAGE}`);
      return v;
    };
    if (a === '--only') {
      args.only = value().split(',').filter(Boolean);
      const bad = args.only.filter((id) => !known.has(id));
      if (bad.length) throw new Error(`unknown claim ${bad.join(', ')} (known: ${[...known].join(', ')})`);
    } else if (a === '--variants') {
      args.variants = value().split(',').filter(Boolean);
    } else if (a === '--seeds') {
      args.seeds = value().split(',').map(Number);
      if (args.seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error('--seeds takes whole numbers, e.g. 1,2,3');
    } else if (a === '--set') args.set = value();
    else if (a === '--render-only') args.renderOnly = true;
    else if (a === '--dir') args.dir = value();
    else if (a === '--doc') args.doc = value();
    else throw new Error(`unknown option ${a}\n\n${USAGE}`);
  }
  if (args.set) {
    const { ignored } = decodeConfig(args.set);
    if (ignored.length) throw new Error(`--set: ${ignored.join('; ')}`);
  }
  return args;
}

const slug = (s: string) => s.replace(/[^a-z0-9.=+-]+/gi, '_');

function sections(only: string[] | null): { id: string; base: string; variants: { label: string; query: string }[] }[] {
  const all = [{ id: DEFAULTS_ID, base: '', variants: DEFAULT_VARIANTS }, { id: LONGER_ID, base: '', variants: LONGER_VARIANTS }, { id: LABEL_EFFICIENCY_ID, base: '', variants: LABEL_EFFICIENCY_VARIANTS }, ...CLAIMS];
  return only ? all.filter((c) => only.includes(c.id)) : all;
}

function loadRuns(dir: string): RunSummary[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'parity')
    .flatMap((d) => readdirSync(join(dir, d.name)).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, d.name, f), 'utf8')) as RunSummary));
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseFindingsArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`findings: ${e instanceof Error ? e.message : e}\n`);
    process.exit(2);
  }
  if (!args.renderOnly) {
    const backend = await startRunnerBackend('wasm');
    for (const section of sections(args.only)) {
      for (const variant of section.variants) {
        if (args.variants && !args.variants.includes(variant.label)) continue;
        for (const seed of args.seeds) {
          const file = join(args.dir, section.id, `${slug(variant.label)}-seed${seed}.json`);
          if (existsSync(file)) continue;
          const query = composeQuery(section.base, variant.query, args.set, `seed=${seed}`);
          const { config, ignored } = decodeConfig(query);
          if (ignored.length) throw new Error(`${section.id} / ${variant.label}: ${ignored.join('; ')}`);
          process.stderr.write(`findings: ${section.id} / ${variant.label} / seed ${seed}: ${query}\n`);
          const cpuBefore = process.cpuUsage();
          const run = await trainOne(config, backend);
          const cpu = process.cpuUsage(cpuBefore);
          const cpuSeconds = (cpu.user + cpu.system) / 1e6;
          const summary: RunSummary = { claim: section.id, variant: variant.label, seed, final: run.final, wallSeconds: run.wallSeconds, cpuSeconds, query, ...(args.set ? { set: args.set } : {}) };
          mkdirSync(join(args.dir, section.id), { recursive: true });
          writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
          process.stderr.write(`findings:   ${run.outcome}, probe ${(run.final.probeAccuracy * 100).toFixed(1)}%, ${run.wallSeconds.toFixed(0)} s wall, ${cpuSeconds.toFixed(0)} s CPU\n`);
        }
      }
    }
  }
  const runs = loadRuns(args.dir);
  writeFileSync(args.doc, renderDocument(runs) + renderParity(join(args.dir, 'parity')));
  process.stderr.write(`findings: wrote ${args.doc}\n`);
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', withReadmeTable(readme, renderDocument(runs).split('## Every method at its defaults\n')[1].split('\n## ')[0]));
  process.stderr.write('findings: updated the method table in README.md\n');
}

const README_START = '<!-- findings:defaults -->';
const README_END = '<!-- /findings:defaults -->';

/** README's method table is the findings' defaults table, between two markers (refused if they are missing). */
export function withReadmeTable(readme: string, table: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} block for the method table`);
  const body = table.trim();
  return `${readme.slice(0, start + README_START.length)}\n${body}\n${readme.slice(end)}`;
}

/** The supervised reference's probe at its defaults (mean over its seeds), NaN when not run. */
function supervisedProbe(runs: RunSummary[]): number {
  return stat(runs.filter((r) => r.claim === DEFAULTS_ID && r.variant === 'supervised').map((r) => r.final.probeAccuracy ?? NaN)).mean;
}

/** Which sections have runs and which have none, so the document says plainly what was not run. */
function coverage(runs: RunSummary[]): string {
  const all = sections(null);
  const ran = all.filter((c) => runs.some((r) => r.claim === c.id));
  const missing = all.filter((c) => !ran.includes(c));
  const total = all.reduce((s, c) => s + c.variants.length, 0);
  return `Recorded: ${runs.length} runs (${ran.map((c) => c.id).join(', ') || 'none'}); a full set is ${total} variants × 3 seeds. Not run at all: ${missing.map((c) => c.id).join(', ') || 'nothing'}.`;
}

/** A claim's budget as its base query gives it: the defaults (of an older link version, with `v`), plus what the base sets. */
export function baseBudget(base: string): string {
  const q = new URLSearchParams(base);
  const version = q.get('v');
  q.delete('method');
  q.delete('v');
  const defaults = version ? `the defaults of link format v${version}` : 'the defaults';
  return q.size ? `${defaults} with \`${q.toString()}\`` : defaults;
}

export function renderDocument(runs: RunSummary[]): string {
  /** A section's budget: the defaults, or the --set its runs were made with (RunSummary.set). */
  const budgetOf = (id: string) => {
    const sets = [...new Set(runs.filter((r) => r.claim === id).map((r) => r.set ?? ''))].filter(Boolean);
    if (sets.length) return `run with \`--set '${sets.join("'\` and \`--set '")}'\``;
    const claim = CLAIMS.find((c) => c.id === id);
    if (claim?.preset) return `the \`${claim.preset}\` preset’s budget, in the query below: \`npm run sweep -- --preset ${claim.preset}\` runs seed 1 of it`;
    return claim ? baseBudget(claim.base) : 'each method’s defaults';
  };
  return [
    '# Findings: the lecture’s claims, rerun in the playground',
    '',
    'Written by `npm run findings` (src/runner/findings) from the run summaries in docs/findings/. Each',
    'section names the claim and its paper, the command, a table over seeds (mean ± sample sd, run count)',
    'and a verdict: *reproduces* when the paper’s better arm wins by more than the seed spread, *partly*',
    'when it wins on the mean only or against some arms, *does not reproduce* otherwise. MNIST, linear',
    'probe on 1,000 labelled probe-train images, scored on 1,000 others; WASM backend in Node. Each',
    'section states its budget (the defaults, a classroom preset’s, or a smaller one given with --set).',
    'Wall times come from a 2-core machine shared with other jobs (load average 3–18; some runs were',
    'paused while CI ran): upper bounds. The runner’s WASM backend uses one thread, so the CPU seconds',
    'recorded beside them (from 30 November 2026 on) are close to what the run takes on an idle machine.',
    '',
    coverage(runs),
    '',
    renderDefaults(runs, budgetOf(DEFAULTS_ID)),
    renderLabelEfficiency(runs, supervisedProbe(runs), budgetOf(LABEL_EFFICIENCY_ID)),
    ...CLAIMS.map((c: Claim) => renderClaim(c, runs, budgetOf(c.id))),
  ].join('\n');
}

if (process.argv[1] && /findings[\\/]cli\.ts$/.test(process.argv[1])) {
  main().catch((e) => {
    process.stderr.write(`findings: ${e instanceof Error ? (e.stack ?? e.message) : e}\n`);
    process.exit(1);
  });
}
