import type { RunState } from '../../worker/protocol';

export interface RunButtons {
  start: boolean;
  pause: boolean;
  resume: boolean;
  stop: boolean;
  reset: boolean;
}

/** Which run-bar buttons make sense in each state. Reset also frees a stuck worker, so it is nearly always on. */
export function runButtons(state: RunState, hasHistory: boolean): RunButtons {
  return {
    start: state === 'idle' || state === 'done' || state === 'stopped' || state === 'error',
    pause: state === 'running',
    resume: state === 'paused',
    stop: state === 'running' || state === 'paused',
    reset: !(state === 'idle' && !hasHistory),
  };
}
