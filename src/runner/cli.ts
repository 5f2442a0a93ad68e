// Headless runner: `npm run train -- '<share URL>' --out run.json`. Same core as the browser worker.
// A comparison link runs each of its experiments and writes one file per run into --out DIR.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failAndExit } from './exit';
import { parseRunnerArgs, type RunnerArgs } from './args';
import { finalLine, startRunnerBackend, trainOne } from './trainOne';

function fail(message: string, code: number): never {
  return failAndExit('train', message, code);
}

async function main(): Promise<void> {
  let args: RunnerArgs;
  try {
    args = parseRunnerArgs(process.argv.slice(2));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e), 2);
  }
  const log = (s: string) => {
    if (!args.quiet) process.stderr.write(s);
  };
  let backend;
  try {
    backend = await startRunnerBackend(args.backend);
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e), 3);
  }
  if (args.configs.length > 1 || args.comparison) mkdirSync(args.out!, { recursive: true });
  let diverged: string | null = null;
  for (const [i, config] of args.configs.entries()) {
    const which = args.comparison ? `run ${i + 1}/${args.configs.length}: ` : '';
    log(`train: ${which}${config.method} on ${config.dataset}, ${config.steps} steps of batch ${config.batch}, backend ${backend.name} (${backend.adapter})\n`);
    const run = await trainOne(config, backend, (line, last) => log(process.stderr.isTTY ? `\r${line}   ${last ? '\n' : ''}` : `${line}\n`));
    log(`train: ${which}${finalLine(run)}\n`);
    const json = JSON.stringify(run, null, 2);
    const file = args.comparison ? join(args.out!, `run-${String(i + 1).padStart(2, '0')}.json`) : args.out;
    if (file) {
      writeFileSync(file, json);
      log(`train: wrote ${file}\n`);
    } else {
      process.stdout.write(json + '\n');
    }
    if (run.outcome === 'diverged') diverged = run.message ?? 'the loss diverged';
  }
  if (diverged) fail(diverged, 4);
}

main().catch((e) => fail(e instanceof Error ? (e.stack ?? e.message) : String(e), 1));
