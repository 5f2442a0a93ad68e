import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { decodeConfig } from '../../src/core/config/url';
import { exportFromLink } from '../../src/core/export/emit';
import { paramSetTensors } from '../../src/core/export/paramTensors';
import { findTorchPython } from '../../src/core/export/python';
import { encodeTensorFile } from '../../src/core/export/tensorFile';
import { Trainer } from '../../src/core/train/trainer';
import { loadDatasetFromDisk } from '../../src/runner/loadDatasetFs';
import { PARITY_RUNS, toParityCurve, type ParityRecord } from '../../src/runner/findings/parity';
import { startRunnerBackend } from '../../src/runner/trainOne';
import { readPythonSources } from '../../scripts/export-sources';

/**
 * npm run parity [-- --only simclr,mae] [--out docs/findings/parity]
 *
 * Issue 11's learning-curve parity. Each link in PARITY_RUNS is trained three times with the same protocol:
 * by the headless runner (tfjs, WASM), by the link's PyTorch export (`npm run export`: the same splits,
 * augmentations, model, loss, optimiser and probe) from PyTorch's own initial weights, and by the export
 * from the app's initial weights (`--init-from`). The first two differ by the random draws only; the third
 * separates "the implementations differ" from "this initial draw differs". The runner works on one core
 * while the two PyTorch runs take the other in turn (one thread each). Writes one record per link into
 * --out, which `npm run findings` renders into FINDINGS.md. Needs a python3 that imports torch (Debian:
 * python3-torch); otherwise it says so and writes nothing.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const DATA = join(ROOT, 'public', 'data');

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.slice(0, 2).join(' ')} exited with ${code}`))));
  });
}

/** The app's initial weights for `link` (the trainer seeds them from the config), as train.py's --init-from reads them. */
function writeInitialWeights(link: string, path: string): void {
  const { config } = decodeConfig(link);
  const trainer = new Trainer(config, loadDatasetFromDisk(config.dataset, DATA));
  const { manifest, bin } = encodeTensorFile(paramSetTensors([trainer.encoder.params, ...trainer.method.heads]));
  trainer.dispose();
  writeFileSync(`${path}.json`, manifest);
  writeFileSync(`${path}.bin`, bin);
}

async function main(): Promise<number> {
  const { python, reason } = findTorchPython();
  if (!python) {
    console.log(`parity skipped: ${reason}, or set $PYTHON.`);
    return 0;
  }
  const only = arg('--only')?.split(',');
  const out = arg('--out') ?? join(ROOT, 'docs', 'findings', 'parity');
  mkdirSync(out, { recursive: true });
  await startRunnerBackend('wasm');
  for (const { id, link } of PARITY_RUNS.filter((r) => !only || only.includes(r.id))) {
    const exported = exportFromLink(link, readPythonSources());
    if (!exported.ok) throw new Error(`${id}: ${exported.errors.join('; ')}`);
    const dir = mkdtempSync(join(tmpdir(), `parity-${id}-`));
    for (const [name, text] of Object.entries(exported.files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    writeInitialWeights(link, join(dir, 'app-init'));
    console.log(`parity ${id}: ${link} — tfjs (WASM) beside PyTorch (own initial weights, then the app's)`);
    const torch = (outFile: string, extra: string[] = []) => run(python, ['train.py', '--data', DATA, '--threads', '1', '--out', outFile, ...extra], dir);
    await Promise.all([
      run('npx', ['tsx', 'src/runner/cli.ts', link, '--backend', 'wasm', '--out', join(dir, 'tfjs.json'), '--quiet'], ROOT),
      torch('torch.json').then(() => torch('torch-app-init.json', ['--init-from', 'app-init.json'])),
    ]);
    const read = (f: string) => toParityCurve(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    const record: ParityRecord = {
      id,
      link,
      query: (JSON.parse(exported.files['config.json']) as { query: string }).query,
      tfjs: read('tfjs.json'),
      pytorch: read('torch.json'),
      pytorchAppInit: read('torch-app-init.json'),
    };
    writeFileSync(join(out, `${id}.json`), JSON.stringify(record, null, 2) + '\n');
    rmSync(dir, { recursive: true, force: true });
    console.log(`parity ${id}: wrote ${join(out, `${id}.json`)}`);
  }
  return 0;
}

main().then((code) => (process.exitCode = code)).catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
