import { describe, expect, it } from 'vitest';
import { describeChoice, fastest, measureCandidates } from './calibrate';

describe('backend calibration', () => {
  it('times every candidate within the budget and picks the fastest', async () => {
    const cost: Record<string, number> = { webgpu: 120, webgl: 410, wasm: 31 };
    let active = '';
    const timings = await measureCandidates(
      ['webgpu', 'webgl', 'wasm'],
      async (n) => ((active = n), true),
      async () => cost[active],
      3000,
      () => 0, // a clock that never advances: the budget is never spent
    );
    expect(timings).toEqual([
      { name: 'webgpu', msPerStep: 120 },
      { name: 'webgl', msPerStep: 410 },
      { name: 'wasm', msPerStep: 31 },
    ]);
    expect(fastest(timings)).toBe('wasm');
    expect(describeChoice('wasm', timings, false)).toBe('chose WASM: 31 ms/step vs WebGPU 120 ms/step, WebGL 410 ms/step');
    expect(describeChoice('wasm', timings, true)).toMatch(/\(measured earlier on this device\)$/);
  });

  it('leaves the rest unmeasured once the budget is spent, and a failing candidate loses', async () => {
    let clock = 0;
    const measured: string[] = [];
    const timings = await measureCandidates(
      ['webgpu', 'webgl', 'wasm'],
      async (n) => n !== 'webgpu', // webgpu fails to initialise
      async () => {
        clock += 3500; // each measurement takes 3.5 s of a 3 s budget
        measured.push('x');
        return 900;
      },
      3000,
      () => clock,
    );
    expect(timings).toEqual([
      { name: 'webgpu', msPerStep: Infinity, unmeasured: 'failed' },
      { name: 'webgl', msPerStep: 900 },
      { name: 'wasm', msPerStep: Infinity, unmeasured: 'budget' },
    ]);
    expect(measured).toHaveLength(1); // webgl measured; wasm skipped once the budget was gone
    expect(fastest(timings)).toBe('webgl');
    expect(describeChoice('webgl', timings, false)).toBe('chose WebGL: 900 ms/step vs WebGPU failed to run, WASM not measured, time budget spent');
    expect(fastest([{ name: 'wasm', msPerStep: Infinity }])).toBeNull();
  });
});
