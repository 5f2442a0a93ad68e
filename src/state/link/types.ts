import type { HideGroup } from '../../core/compare/pageLink';
import type { ExperimentConfig } from '../../core/config/schema';

export interface LinkState {
  /** The experiments of the comparison link that opened the page, until run or dismissed. */
  runs: ExperimentConfig[] | null;
  /** Control groups the link hides (hide=). */
  hide: HideGroup[];
}

export const initialLinkState = (): LinkState => ({ runs: null, hide: [] });
