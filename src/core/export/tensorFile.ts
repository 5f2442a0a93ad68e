/**
 * The tensor files the export exchanges with train.py (--init-from weights, --first-views): a JSON manifest
 * `{ format, tensors: [{ name, shape, offset }] }` (offset in float32 elements) beside one .bin of
 * little-endian float32 values, in the browser's layouts (images N×H×W×C, conv kernels H×W×in×out, linear
 * weights in×out). No NumPy or pickle needed on either side.
 */
export const TENSOR_FILE_FORMAT = 'ssl-playground-tensors/1';

export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

export function encodeTensorFile(tensors: readonly NamedTensor[]): { manifest: string; bin: Uint8Array } {
  const names = new Set<string>();
  let offset = 0;
  const entries = tensors.map((t) => {
    if (names.has(t.name)) throw new Error(`tensor ${t.name} given twice`);
    names.add(t.name);
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.values.length) throw new Error(`tensor ${t.name}: shape ${t.shape.join('×')} holds ${size} values, got ${t.values.length}`);
    const entry = { name: t.name, shape: t.shape, offset };
    offset += size;
    return entry;
  });
  const all = new Float32Array(offset);
  tensors.forEach((t, i) => all.set(t.values, entries[i].offset));
  const bin = new Uint8Array(all.buffer);
  // Float32Array is platform-endian; every platform the app runs on is little-endian, which the file promises.
  if (new Uint8Array(new Float32Array([1]).buffer)[3] !== 0x3f) throw new Error('tensor files are little-endian; this platform is not');
  return { manifest: `${JSON.stringify({ format: TENSOR_FILE_FORMAT, tensors: entries })}\n`, bin };
}
