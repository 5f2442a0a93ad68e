import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportFromLink } from '../src/core/export/emit';
import { readPythonSources } from './export-sources';

/**
 * npm run export -- '<link>' --out DIR: the experiment of a share link as a PyTorch project in DIR.
 * Exit 2, writing nothing, when the link does not decode cleanly or the experiment cannot be exported.
 */
function main(argv: string[]): number {
  const usage = "usage: npm run export -- '<share link or query>' --out DIR";
  const outAt = argv.indexOf('--out');
  const out = outAt >= 0 ? argv[outAt + 1] : undefined;
  const rest = argv.filter((_, i) => i !== outAt && i !== outAt + 1);
  if (!out || rest.length !== 1) {
    console.error(usage);
    return 2;
  }
  const result = exportFromLink(rest[0], readPythonSources());
  if (!result.ok) {
    console.error(`Not exported:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
    return 2;
  }
  for (const [name, text] of Object.entries(result.files)) {
    mkdirSync(dirname(join(out, name)), { recursive: true });
    writeFileSync(join(out, name), text);
  }
  console.log(`Wrote ${Object.keys(result.files).length} files to ${out}: ${result.config.method} on ${result.config.dataset}. Run: cd ${out} && python train.py --data <dir>`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
