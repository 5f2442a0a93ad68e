import { describe, expect, it } from 'vitest';
import { initialState, useStore } from './store';
import { installUnloadGuard } from './unloadGuard';

describe('beforeunload guard', () => {
  it('asks while a run is loading, running, paused or stopping; not when idle or done', () => {
    const target = new EventTarget() as unknown as Window;
    const remove = installUnloadGuard(target);
    const asks = (runState: ReturnType<typeof useStore.getState>['runState']) => {
      useStore.setState({ ...initialState(), runState });
      const e = new Event('beforeunload', { cancelable: true }) as BeforeUnloadEvent;
      // Node's Event has a read-only returnValue; a browser's BeforeUnloadEvent lets it be set.
      Object.defineProperty(e, 'returnValue', { value: true, writable: true });
      target.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(['loading', 'running', 'paused', 'stopping'].map((s) => asks(s as never))).toEqual([true, true, true, true]);
    expect(['idle', 'done', 'stopped', 'error'].map((s) => asks(s as never))).toEqual([false, false, false, false]);
    remove();
    expect(asks('running')).toBe(false);
  });
});
