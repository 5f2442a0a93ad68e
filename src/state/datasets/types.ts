import type { UserDatasetKey } from '../../core/config/datasets';
import { PREVIEW_COUNT } from '../../worker/protocol';
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
  /** The augmentation studio's preview grid: images (rows) × views (columns). */
  studio: { images: number; views: number };
}

export const initialDataState = (): DataState => ({ stored: [], importing: null, message: null, skipped: [], missing: null, studio: { images: PREVIEW_COUNT, views: 2 } });
