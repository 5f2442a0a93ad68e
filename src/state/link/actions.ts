import { decodePageLink, encodeComparisonLink, encodeHide } from '../../core/compare/pageLink';
import { encodeConfig } from '../../core/config/url';
import { initFromUrl, keepInUrl } from '../actions';
import { runAllAskingFirst } from '../ask/guards';
import { addAllToQueue } from '../queue/actions';
import { useStore } from '../store';

const set = useStore.setState;
const get = useStore.getState;

/**
 * Opens the page from its link: a single experiment as before, or a comparison link, whose runs are
 * shown with a Run all button (never started by themselves); `hide=` hides control groups. The
 * notices are the same as a single link's, plus runs and groups left out.
 */
export function initFromPageLink(href: string): void {
  const { base, runs, hide, notices } = decodePageLink(href);
  initFromUrl(encodeConfig(base));
  set({ urlNotices: notices, link: { runs, hide } });
  keepInUrl(encodeHide(hide));
  // The address bar keeps the whole comparison, so a reload or a copy of it still holds every run.
  if (runs && typeof window !== 'undefined') window.history.replaceState(null, '', `${window.location.pathname}?${encodeComparisonLink(runs, hide)}`);
}

/**
 * Run all: every experiment of the link goes into the queue, which starts working through them.
 * Edited settings in the controls would be replaced by the first run's: asked first.
 */
export function runAllFromLink(): void {
  if (!get().link.runs?.length) return;
  runAllAskingFirst(() => {
    const runs = get().link.runs;
    if (!runs || runs.length === 0) return;
    addAllToQueue(runs, true);
    set({ link: { ...get().link, runs: null } });
  });
}

export function dismissLinkRuns(): void {
  set({ link: { ...get().link, runs: null } });
}
