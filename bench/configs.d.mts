// Types for bench/configs.mjs (plain JavaScript, so that `node bench/run-bench.mjs` needs no compiler).
export interface BenchConfig {
  query: string;
  label: string;
  torchArgs: string[];
}
export const REFERENCE: BenchConfig;
export const DEFAULT: BenchConfig;
