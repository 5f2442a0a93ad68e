// The two SimCLR configs `npm run bench` times. REFERENCE is issue 10's fixed yardstick, the config its
// "before" numbers were taken on (batch 64, width 16, the encoder without BatchNorm), so the before/after
// table compares like with like. DEFAULT is what a new user runs today: SimCLR's width 32 with
// BatchNorm (issue 11), about 3× the arithmetic per image.
export const REFERENCE = { query: 'method=simclr&width=16&batchNorm=0', label: 'reference (batch 64, width 16, no BN)', torchArgs: ['--width', '16'] };
export const DEFAULT = { query: 'method=simclr', label: 'today’s default (batch 64, width 32, BN)', torchArgs: ['--width', '32', '--batchnorm'] };
