import type { UserDatasetKey } from '../../core/config/datasets';
import type { UserDatasetSummary } from './db';

export interface DataState {
  /** Datasets stored in this browser, newest first. */
  stored: UserDatasetSummary[];
  /** An import in progress (what it is doing), or null. */
  importing: string | null;
  /** The last import's outcome in words, and whether it failed. */
  message: { text: string; error: boolean } | null;
  /** Files the last import skipped, each with why (shown as text). */
  skipped: string[];
  /** A user dataset the config names that this browser does not have (a link from another machine). */
  missing: UserDatasetKey | null;
}

export const initialDataState = (): DataState => ({ stored: [], importing: null, message: null, skipped: [], missing: null });
