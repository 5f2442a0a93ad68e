import type { AppState } from '../store';

export const selectSavedRuns = (s: AppState) => s.savedRuns;
export const selectSavedRunsInfo = (s: AppState) => s.savedRunsInfo;
/** Id of the saved run on the charts; null once the charts show something else (a new run, a reset). */
export const selectViewingId = (s: AppState) => (s.lastRun ? s.savedRunsInfo.viewing : null);
