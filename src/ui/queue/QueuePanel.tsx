import { useMemo } from 'react';
import { runLabels } from '../../core/compare/labels';
import { clearFinishedFromQueue, dismissQueueNotice, moveInQueue, removeFromQueue, runQueue } from '../../state/queue/actions';
import { selectQueue } from '../../state/queue/selectors';
import { useStore } from '../../state/store';
import { Dismissable } from '../notices/Dismissable';

const STATE_TEXT = { waiting: 'waiting', running: 'running', done: 'saved', stopped: 'stopped', failed: 'failed' } as const;

/** Queued experiments: each one's state and progress; waiting ones can be moved or removed. */
export function QueuePanel() {
  const queue = useStore(selectQueue);
  const labels = useMemo(() => runLabels(queue.entries.map((e) => e.config)), [queue.entries]);
  if (queue.entries.length === 0 && !queue.notice) return null;
  const waiting = queue.entries.filter((e) => e.state === 'waiting').length;
  const finished = queue.entries.some((e) => e.state !== 'waiting' && e.state !== 'running');
  return (
    <section className="card queue" aria-label="Queue" data-testid="queue" data-group="queue">
      <div className="queue__head">
        <h2>Queue</h2>
        <span className="queue__count">{waiting} waiting</span>
        {!queue.active && waiting > 0 && (
          <button type="button" className="button button--primary" data-testid="run-queue" onClick={runQueue}>
            Run queue
          </button>
        )}
        {finished && (
          <button type="button" className="button button--quiet" data-testid="clear-finished" onClick={clearFinishedFromQueue}>
            Clear finished
          </button>
        )}
      </div>
      {queue.notice && (
        <Dismissable className="notice notice--warn" testId="queue-notice" onDismiss={dismissQueueNotice}>
          {queue.notice}
        </Dismissable>
      )}
      <ol className="queue__list">
        {queue.entries.map((e, i) => (
          <li key={e.id} className={`queue-entry queue-entry--${e.state}`} data-testid="queue-entry" data-state={e.state}>
            <span className="queue-entry__label">{labels[i]}</span>
            <span className={`run-state run-state--${e.state}`} data-testid="queue-entry-state">
              {STATE_TEXT[e.state]}
            </span>
            <progress max={e.config.steps} value={e.state === 'done' ? e.config.steps : e.step} aria-label={`${labels[i]}: step ${e.step} of ${e.config.steps}`} />
            <span className="queue-entry__steps">
              {e.state === 'done' ? e.config.steps : e.step} / {e.config.steps}
            </span>
            {e.state === 'waiting' && (
              <>
                <button type="button" className="button button--quiet" aria-label={`Move ${labels[i]} up`} data-testid="queue-up" onClick={() => moveInQueue(e.id, -1)}>
                  ↑
                </button>
                <button type="button" className="button button--quiet" aria-label={`Move ${labels[i]} down`} data-testid="queue-down" onClick={() => moveInQueue(e.id, 1)}>
                  ↓
                </button>
              </>
            )}
            {e.state !== 'running' && (
              <button type="button" className="button button--quiet" aria-label={`Remove ${labels[i]} from the queue`} data-testid="queue-remove" onClick={() => removeFromQueue(e.id)}>
                ×
              </button>
            )}
            {e.message && <p className="queue-entry__message">{e.message}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
