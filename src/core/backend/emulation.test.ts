import { describe, expect, it } from 'vitest';
import { emulatedWebGlReason, emulatedWebGpuReason } from './emulation';

describe('CPU-emulated GPU detection', () => {
  it('flags WebGPU fallback and software adapters, not hardware ones', () => {
    // What headless Chromium offers on a machine without a GPU.
    expect(emulatedWebGpuReason({ info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } })).toBe(
      'fallback adapter (google swiftshader), emulated on the CPU',
    );
    // Older Chromium: the flag on the adapter itself.
    expect(emulatedWebGpuReason({ isFallbackAdapter: true, info: {} })).toBe('fallback adapter, emulated on the CPU');
    // Mesa's Vulkan software driver, not marked as fallback.
    expect(emulatedWebGpuReason({ info: { vendor: 'mesa', device: 'llvmpipe (LLVM 15.0.6, 256 bits)' } })).toMatch(/^software adapter \(mesa llvmpipe/);
    expect(emulatedWebGpuReason({ info: { vendor: 'nvidia', architecture: 'ampere' } })).toBeNull();
    expect(emulatedWebGpuReason({ info: { vendor: 'apple', architecture: 'common-3' } })).toBeNull();
  });

  it('flags WebGL on SwiftShader, llvmpipe and Microsoft Basic Render, not hardware renderers', () => {
    const swiftshader = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
    expect(emulatedWebGlReason(swiftshader)).toBe(`software renderer (${swiftshader}), emulated on the CPU`);
    expect(emulatedWebGlReason('llvmpipe (LLVM 15.0.6, 256 bits)')).not.toBeNull();
    expect(emulatedWebGlReason('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)')).not.toBeNull();
    expect(emulatedWebGlReason('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBeNull();
    expect(emulatedWebGlReason('Apple M1')).toBeNull();
    expect(emulatedWebGlReason(null)).toBeNull();
  });
});
