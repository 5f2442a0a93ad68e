import type { AppState } from '../store';

export const selectQueue = (s: AppState) => s.queue;
