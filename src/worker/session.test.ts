import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../core/config/schema';
import type { BackendInfo, RunRecord } from '../core/train/run';
import type { FromWorker } from './protocol';

// The GPU-loss path needs a GPU backend, which Node lacks: stand in for backend selection and
// training, keep everything else (validation, message flow) real.
const trained: string[] = [];
vi.mock('../core/backend/select', async (importOriginal) => {
  const real = await importOriginal<typeof import('../core/backend/select')>();
  return {
    ...real,
    onDeviceLost: () => {},
    selectBackend: async (_choice: string, exclude: { name: string; reason: string }[] = []): Promise<BackendInfo> => {
      const name = exclude.some((e) => e.name === 'webgl') ? 'wasm' : 'webgl';
      return { name, adapter: `fake ${name}`, fallbacks: exclude };
    },
  };
});
vi.mock('../core/train/loop', () => ({
  runTraining: async (config: RunRecord['config'], _ds: unknown, backend: BackendInfo) => {
    trained.push(backend.name);
    if (backend.name === 'webgl') throw new Error('CONTEXT_LOST_WEBGL');
    return { config, backend: backend.name, outcome: 'completed', history: [], final: {} } as unknown as RunRecord;
  },
}));

const { WorkerSession } = await import('./session');

describe('WorkerSession', () => {
  let posted: FromWorker[];
  let session: InstanceType<typeof WorkerSession>;
  beforeEach(() => {
    posted = [];
    trained.length = 0;
    session = new WorkerSession((m) => posted.push(m), async () => ({ key: 'mnist' }) as never);
  });

  it('a GPU that fails mid-run restarts the run on the next backend and says why', async () => {
    await session.handle({ type: 'start', config: { ...defaultConfig('simclr'), backend: 'webgl' } });
    expect(trained).toEqual(['webgl', 'wasm']);
    const restarted = posted.find((m) => m.type === 'restarted');
    expect(restarted && restarted.type === 'restarted' && restarted.reason).toBe('webgl failed mid-run (CONTEXT_LOST_WEBGL); restarted from step 0 on wasm.');
    expect(posted.at(-1)).toEqual({ type: 'state', state: 'done' });
    expect(posted.some((m) => m.type === 'done')).toBe(true);
  });

  it('refuses a malformed message and an invalid config without starting', async () => {
    await session.handle({ type: 'launch' });
    await session.handle({ type: 'start', config: { ...defaultConfig('simclr'), batch: -1 } });
    expect(trained).toEqual([]);
    expect(posted.map((m) => m.type)).toEqual(['error', 'error']);
    const second = posted[1];
    expect(second.type === 'error' && second.message).toMatch(/^Invalid experiment config: batch: batch=-1 is outside/);
  });
});
