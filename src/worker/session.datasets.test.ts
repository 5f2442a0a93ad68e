import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../core/config/schema';
import { parseCifarBatches } from '../core/data/cifar';
import type { BackendInfo, RunRecord } from '../core/train/run';
import type { FromWorker } from './protocol';

// Backend selection and training stand-ins (as in session.test.ts): this file checks which images
// a user-dataset run receives, not training itself.
const trainedOn: unknown[] = [];
const evaluatedOn: unknown[] = [];
vi.mock('../core/backend/select', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../core/backend/select')>()),
  selectBackend: async (): Promise<BackendInfo> => ({ name: 'cpu', adapter: 'fake', fallbacks: [] }),
}));
vi.mock('../core/train/loop', () => ({
  runTraining: async (config: RunRecord['config'], ds: unknown, _b: unknown, _c: unknown, _d: unknown, options?: { evalDataset?: unknown }) => {
    trainedOn.push(ds);
    if (options?.evalDataset) evaluatedOn.push(options.evalDataset);
    return { config, backend: 'cpu', outcome: 'completed', history: [], final: {} } as unknown as RunRecord;
  },
}));

const { WorkerSession } = await import('./session');

describe('WorkerSession with a user dataset', () => {
  const cifar = parseCifarBatches([{ name: 'data_batch_1.bin', bytes: new Uint8Array(3073 * 4) }]);
  const config = { ...defaultConfig('simclr'), dataset: 'cifar10' as const, n: 16, batch: 8, probeTrain: 20, probeTest: 20 };

  it('says a user dataset it was not sent is missing, and trains on it once sent', async () => {
    const posted: FromWorker[] = [];
    const session = new WorkerSession((m) => posted.push(m), async () => {
      throw new Error('built-in loader must not be asked for cifar10');
    });
    await session.handle({ type: 'start', config });
    expect(posted.find((m) => m.type === 'error')).toMatchObject({ message: expect.stringMatching(/dataset cifar10 is not loaded.*import the same files/) });
    expect(trainedOn).toEqual([]);

    await session.handle({ type: 'dataset', dataset: cifar });
    await session.handle({ type: 'start', config });
    expect(trainedOn).toEqual([cifar]);
  });

  it('rejects a malformed dataset message with the reason, keeping nothing', async () => {
    const posted: FromWorker[] = [];
    const session = new WorkerSession((m) => posted.push(m), async () => ({}) as never);
    await session.handle({ type: 'dataset', dataset: { ...cifar, labels: new Uint8Array(1) } });
    expect(posted).toEqual([{ type: 'error', message: 'Dataset rejected: labels do not match count' }]);
    await session.handle({ type: 'start', config });
    expect(posted.at(-1)).toMatchObject({ type: 'state', state: 'error', message: expect.stringMatching(/not loaded/) });
  });

  it('own images → MNIST: pre-trains on the user dataset, loads MNIST for evaluation with the run’s seed and probe sizes', async () => {
    const asked: unknown[] = [];
    const mnist = { key: 'mnist' };
    const session = new WorkerSession(() => {}, async (choice) => {
      asked.push(choice);
      return mnist as never;
    });
    await session.handle({ type: 'dataset', dataset: cifar });
    await session.handle({ type: 'start', config: { ...config, seed: 7, evalDataset: 'mnist' } });
    expect(asked).toEqual([{ dataset: 'mnist', seed: 7, n: 0, probeTrain: 20, probeTest: 20 }]);
    expect(trainedOn.at(-1)).toBe(cifar);
    expect(evaluatedOn).toEqual([mnist]);
  });
});
