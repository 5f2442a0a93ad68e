// `npm run bench`: Node backends through the runner's code path, then browser backends through the
// built app. Numbers are printed, never asserted: speed targets live here, not in tests.
import { execFileSync } from 'node:child_process';

const steps = process.argv.includes('--steps') ? process.argv[process.argv.indexOf('--steps') + 1] : null;
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run('npx', ['tsx', 'bench/node-bench.ts', ...(steps ? ['--steps', steps] : [])]);
run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('node', ['bench/browser-bench.mjs', ...(steps ? ['--steps', steps] : [])]);
