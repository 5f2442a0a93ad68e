// Headless sweeps: `npm run sweep -- '<base link>' --vary maskRatio=0.25,0.5 --seeds 1,2 --out dir/`.
// Each run goes through the same core as `npm run train` (trainOne); one progress line per run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aggregateByValue, aggregateTable, summaryCsvTable } from '../core/compare/aggregate';
import { describeValues } from '../core/compare/sweep';
import { runLabels } from '../core/compare/labels';
import { resultsTable, toCsv, toMarkdown } from '../core/compare/table';
import { failAndExit } from './exit';
import { parseSweepArgs, type SweepArgs } from './sweepArgs';
import { finalLine, startRunnerBackend, trainOne, type RunFile } from './trainOne';

function fail(message: string, code: number): never {
  return failAndExit('sweep', message, code, true);
}

function runFileName(i: number): string {
  return `run-${String(i + 1).padStart(2, '0')}.json`;
}

async function main(): Promise<void> {
  let args: SweepArgs;
  try {
    args = parseSweepArgs(process.argv.slice(2));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e), 2);
  }
  let backend;
  try {
    backend = await startRunnerBackend(args.backend);
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e), 3);
  }
  mkdirSync(args.out, { recursive: true });
  const labels = runLabels(args.runs.map((r) => r.config));
  const done: { label: string; record: RunFile; values: SweepArgs['runs'][number]['values'] }[] = [];
  const started = Date.now();
  process.stderr.write(`sweep: ${args.runs.length} runs on ${backend.name} (${backend.adapter}) into ${args.out}\n`);
  for (const [i, run] of args.runs.entries()) {
    const record = await trainOne(run.config, backend);
    writeFileSync(join(args.out, runFileName(i)), JSON.stringify(record, null, 2));
    done.push({ label: labels[i], record, values: run.values });
    if (!args.quiet) {
      const what = describeValues(run.values) || labels[i];
      process.stderr.write(`sweep: [${i + 1}/${args.runs.length}] ${what}: ${finalLine(record)} -> ${runFileName(i)}\n`);
    }
  }
  const runs = resultsTable(done);
  runs.columns.push({ key: 'file', title: 'file', kind: 'text' });
  runs.rows.forEach((row, i) => (row.file = runFileName(i)));
  const groups = args.axes.flatMap((a) => aggregateByValue(done.map((d) => ({ values: d.values, final: d.record.final })), a.knob));
  writeFileSync(join(args.out, 'summary.csv'), toCsv(summaryCsvTable(runs, groups)));
  const byValue = args.axes.map((a) => `## By ${a.knob} (mean, min and max over the runs with each value)\n\n${toMarkdown(aggregateTable(groups.filter((g) => g.knob === a.knob)))}`);
  const md = [`# Sweep: ${args.runs.length} runs\n`, `Backend ${backend.name} (${backend.adapter}); ${((Date.now() - started) / 1000).toFixed(1)} s in all.\n`, '## Runs\n', toMarkdown(runs), ...byValue].join('\n');
  writeFileSync(join(args.out, 'summary.md'), md);
  process.stderr.write(`sweep: wrote ${args.runs.length} run files, summary.csv and summary.md to ${args.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((e) => fail(e instanceof Error ? (e.stack ?? e.message) : String(e), 1));
