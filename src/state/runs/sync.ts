/**
 * Saved-run lists in step across tabs: a tab that saves, imports or deletes a run says so on a
 * BroadcastChannel, and every other tab of the app re-reads its list. Where BroadcastChannel is
 * missing (old browsers) each tab still sees its own changes.
 */
const CHANNEL = 'ssl-playground-runs';

interface RunsChanged {
  type: 'runs-changed';
}

let channel: BroadcastChannel | null | undefined;

function open(): BroadcastChannel | null {
  if (channel === undefined) channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  return channel;
}

/** Tells the other tabs that the stored runs changed. */
export function announceRunsChanged(): void {
  open()?.postMessage({ type: 'runs-changed' } satisfies RunsChanged);
}

/** Calls `reload` whenever another tab changed the stored runs. Once per page; returns a stop function. */
export function onRunsChangedElsewhere(reload: () => void): () => void {
  const ch = open();
  if (!ch) return () => {};
  const listener = (e: MessageEvent<unknown>) => {
    // Only our own message shape: anything else on the channel is ignored.
    if ((e.data as Partial<RunsChanged> | null)?.type === 'runs-changed') reload();
  };
  ch.addEventListener('message', listener);
  return () => ch.removeEventListener('message', listener);
}

/** For tests: close the channel so Node can exit. */
export function closeRunsChannel(): void {
  channel?.close();
  channel = undefined;
}
