/**
 * Detects GPU backends that are really the CPU in disguise: a WebGPU "fallback adapter" or a WebGL
 * context on a software rasteriser (SwiftShader, llvmpipe, ...). On such a device training runs
 * 10–25× slower than on WASM (measured on a 2-core machine: batch 16 tiny SimCLR, WASM 0.22 s/step,
 * WebGL on SwiftShader 2.6 s, WebGPU on SwiftShader 5.5 s), so `backend=auto` skips them.
 */

/** Renderer / adapter names of software implementations of WebGL and WebGPU. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render|microsoft basic|mesa offscreen/i;

export function softwareRendererName(text: string | null | undefined): string | null {
  const m = text ? SOFTWARE.exec(text) : null;
  return m ? text!.trim() : null;
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}

/** Why this WebGPU adapter is CPU-emulated, or null if it looks like real hardware. */
export function emulatedWebGpuReason(adapter: GpuAdapterLike): string | null {
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.device, info.description].filter((s) => s).join(' ');
  if (info.isFallbackAdapter ?? adapter.isFallbackAdapter) return `fallback adapter${name ? ` (${name})` : ''}, emulated on the CPU`;
  const soft = softwareRendererName(name);
  return soft ? `software adapter (${soft}), emulated on the CPU` : null;
}

/**
 * The WebGL renderer string, from a throw-away 1×1 context (WEBGL_debug_renderer_info gives the
 * real name; without it browsers report a generic one, which is then not judged). Null where no
 * WebGL2 context can be made.
 */
export function webGlRenderer(): string | null {
  let canvas: OffscreenCanvas | HTMLCanvasElement | null = null;
  if (typeof OffscreenCanvas !== 'undefined') canvas = new OffscreenCanvas(1, 1);
  else if (typeof document !== 'undefined') canvas = document.createElement('canvas');
  const gl = canvas?.getContext('webgl2') as WebGL2RenderingContext | null | undefined;
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}

/** Why WebGL here is CPU-emulated, or null. */
export function emulatedWebGlReason(renderer: string | null): string | null {
  const soft = softwareRendererName(renderer);
  return soft ? `software renderer (${soft}), emulated on the CPU` : null;
}
