import type { AppState } from '../store';

export const selectLinkRuns = (s: AppState) => s.link.runs;
export const selectHidden = (s: AppState) => s.link.hide;
