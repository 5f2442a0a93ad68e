import { CIFAR10_CLASS_NAMES, CIFAR10_KEY } from '../config/datasets';
import type { UserDataset } from './userDataset';

/**
 * CIFAR-10 binary batches (Krizhevsky 2009; data_batch_1.bin … data_batch_5.bin, test_batch.bin):
 * records of 1 label byte and 3072 pixel bytes, the 1024 red values first, then green, then blue,
 * each plane row-major 32×32. Converted to the app's H×W×C layout.
 */
export const CIFAR_SIDE = 32;
export const CIFAR_RECORD_BYTES = 1 + 3 * CIFAR_SIDE * CIFAR_SIDE;
/** Five training batches and the test batch: 60,000 images. */
export const CIFAR_MAX_IMAGES = 60_000;

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** Parses one or more batch files into one dataset. Throws a message naming the file on bad input. */
export function parseCifarBatches(files: readonly NamedBytes[]): UserDataset {
  if (files.length === 0) throw new Error('No CIFAR-10 files given: pick data_batch_1.bin … test_batch.bin.');
  let count = 0;
  for (const f of files) {
    if (f.bytes.length === 0 || f.bytes.length % CIFAR_RECORD_BYTES !== 0) {
      throw new Error(
        `${f.name}: ${f.bytes.length} bytes is not a multiple of ${CIFAR_RECORD_BYTES} (1 label byte + 3072 pixel bytes per image). ` +
          'Is it a CIFAR-10 binary batch (the "binary version", not the Python or MATLAB one) and complete?',
      );
    }
    count += f.bytes.length / CIFAR_RECORD_BYTES;
  }
  if (count > CIFAR_MAX_IMAGES) throw new Error(`${count} images is more than CIFAR-10's ${CIFAR_MAX_IMAGES}; was a batch picked twice?`);
  const plane = CIFAR_SIDE * CIFAR_SIDE;
  const pixels = new Uint8Array(count * 3 * plane);
  const labels = new Uint8Array(count);
  let k = 0;
  for (const f of files) {
    for (let r = 0; r < f.bytes.length; r += CIFAR_RECORD_BYTES, k++) {
      const label = f.bytes[r];
      if (label >= CIFAR10_CLASS_NAMES.length) {
        throw new Error(`${f.name}: record ${r / CIFAR_RECORD_BYTES} has label ${label}; CIFAR-10 labels are 0–9 (a CIFAR-100 file has 2 label bytes per record).`);
      }
      labels[k] = label;
      const out = k * 3 * plane;
      for (let p = 0; p < plane; p++) {
        pixels[out + 3 * p] = f.bytes[r + 1 + p];
        pixels[out + 3 * p + 1] = f.bytes[r + 1 + plane + p];
        pixels[out + 3 * p + 2] = f.bytes[r + 1 + 2 * plane + p];
      }
    }
  }
  return {
    key: CIFAR10_KEY,
    label: `CIFAR-10 (${count.toLocaleString('en')} images from ${files.map((f) => f.name).join(', ')})`,
    count,
    height: CIFAR_SIDE,
    width: CIFAR_SIDE,
    channels: 3,
    classes: CIFAR10_CLASS_NAMES.length,
    classNames: [...CIFAR10_CLASS_NAMES],
    pixels,
    labels,
    skipped: [],
  };
}
