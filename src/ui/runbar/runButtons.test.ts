import { describe, expect, it } from 'vitest';
import { runButtons } from './runButtons';

describe('runButtons', () => {
  it('offers Start only when no run occupies the worker', () => {
    expect(runButtons('idle', false)).toEqual({ start: true, pause: false, resume: false, stop: false, reset: false });
    expect(runButtons('loading', false)).toEqual({ start: false, pause: false, resume: false, stop: false, reset: true });
    expect(runButtons('running', true)).toEqual({ start: false, pause: true, resume: false, stop: true, reset: true });
    expect(runButtons('paused', true)).toEqual({ start: false, pause: false, resume: true, stop: true, reset: true });
    expect(runButtons('stopping', true)).toEqual({ start: false, pause: false, resume: false, stop: false, reset: true });
    for (const s of ['done', 'stopped', 'error'] as const) expect(runButtons(s, true).start).toBe(true);
  });

  it('enables Reset when idle only if there is something to clear', () => {
    expect(runButtons('idle', true).reset).toBe(true);
  });
});
