import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

/**
 * WebGPU check through Dawn + SwiftShader in Node. Opt-in, because it needs
 * the Vulkan loader that ships with Chromium:
 *
 *   WEBGPU_TEST=1 LD_LIBRARY_PATH=/usr/lib/chromium \
 *   VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json \
 *   XDG_RUNTIME_DIR=/tmp npx vitest run src/core/backend/kernels/webgpu.test.ts
 */
describe.skipIf(!process.env.WEBGPU_TEST)('webgpu (SwiftShader)', () => {
  it('reverse cumsum/cumprod are right for several lengths once patched', async () => {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    (globalThis as unknown as { navigator: unknown }).navigator = { gpu: create([]) };
    await import('@tensorflow/tfjs-backend-webgpu');
    const { registerMissingKernels } = await import('./index');
    expect(registerMissingKernels('webgpu')).toEqual(
      expect.arrayContaining(['webgpu:Cumsum+Cumprod(reverse)', 'webgpu:Cumsum(int32/bool)', 'webgpu:ScatterNd(int32/bool)']),
    );
    expect(registerMissingKernels('webgpu')).toEqual([]);

    const shapes: [number, number][] = [[3, 4], [2, 4], [1, 4], [3, 5], [4, 4], [1, 8], [1, 3]];
    const run = async (backend: string) => {
      expect(await tf.setBackend(backend)).toBe(true);
      const out: number[][] = [];
      for (const s of shapes) {
        const x = tf.tensor2d(Array.from({ length: s[0] * s[1] }, (_, i) => 2 ** (i % 8) / 4), s);
        for (const ax of [0, 1]) {
          for (const ex of [false, true]) {
            for (const rev of [false, true]) {
              out.push(Array.from(await tf.cumsum(x, ax, ex, rev).data()));
              out.push(Array.from(await tf.cumprod(x, ax, ex, rev).data()));
            }
          }
        }
      }
      return out;
    };
    const gpu = await run('webgpu');
    const cpu = await run('cpu');
    gpu.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(cpu[i][j], 3)));

    // int32 scans and bool scatters (float-only shaders), after other ops ran.
    const misc = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor2d([3, -1, 4, 1, -5, 9, 2, -6], [2, 4], 'int32');
      const upd = tf.tensor2d([1, 0, 1, 1, 0, 0], [2, 3], 'bool');
      return [
        Array.from(await tf.clipByValue(x, -2, 2).data()),
        Array.from(await tf.cumsum(x, 1).data()),
        Array.from(await tf.cumsum(x, 0, true, true).data()),
        Array.from(await tf.scatterND(tf.tensor2d([[2], [0]], [2, 1], 'int32'), upd, [3, 3]).data()),
      ];
    };
    expect(await misc('webgpu')).toEqual(await misc('cpu'));
  }, 120_000);
});
