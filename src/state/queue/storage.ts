import { parseExperimentConfig } from '../../core/config/schema';
import type { QueueEntry, QueueState } from './types';

/**
 * The queue outlives a reload in localStorage (small: configs only, no histories). What is read
 * back is validated like every other input: an entry whose config fails is dropped and counted.
 */
export const QUEUE_KEY = 'ssl-playground-queue';
const FORMAT = 1;

export function serializeQueue(q: QueueState): string {
  return JSON.stringify({ v: FORMAT, active: q.active, entries: q.entries.map(({ id, config, state, savedId }) => ({ id, config, state, savedId })) });
}

const STATES = new Set(['waiting', 'running', 'done', 'stopped', 'failed']);

/**
 * Reads a stored queue. The entry that was running when the page went away waits again: the queue
 * offers to resume it from its last checkpoint when one was kept (actions.ts), else it restarts from 0.
 */
export function parseStoredQueue(text: string | null): { queue: QueueState | null; dropped: number } {
  if (!text) return { queue: null, dropped: 0 };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { queue: null, dropped: 1 };
  }
  const d = data as { v?: unknown; active?: unknown; entries?: unknown };
  if (!d || d.v !== FORMAT || !Array.isArray(d.entries)) return { queue: null, dropped: 1 };
  const entries: QueueEntry[] = [];
  let dropped = 0;
  let restarted: string | null = null;
  for (const raw of d.entries as Record<string, unknown>[]) {
    const parsed = parseExperimentConfig(raw?.config);
    if (!parsed.ok || typeof raw.id !== 'string' || raw.id.length > 64 || !STATES.has(String(raw.state))) {
      dropped += 1;
      continue;
    }
    const wasRunning = raw.state === 'running';
    if (wasRunning) restarted = raw.id;
    entries.push({
      id: raw.id,
      config: parsed.config,
      state: wasRunning ? 'waiting' : (raw.state as QueueEntry['state']),
      step: 0,
      savedId: typeof raw.savedId === 'string' && raw.savedId.length <= 128 ? raw.savedId : null,
      message: wasRunning ? 'The page was reloaded while this run was training: it goes on from its last checkpoint if one was kept (you are asked first), else from step 0.' : null,
    });
  }
  const notice = restarted ? 'The page was reloaded during a queued run: it goes on from its last checkpoint if one was kept (you are asked first), else from step 0; the rest of the queue follows.' : null;
  return { queue: { entries, active: d.active === true, notice }, dropped };
}

export function loadQueueText(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(QUEUE_KEY);
  } catch {
    return null;
  }
}

/** Best effort: a queue that cannot be stored still runs, it just does not survive a reload. */
export function storeQueue(q: QueueState): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(QUEUE_KEY, serializeQueue(q));
  } catch {
    /* storage full or blocked: nothing to lose but the reload recovery */
  }
}
