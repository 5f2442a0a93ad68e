import { selectBusy } from './selectors';
import { useStore } from './store';

/**
 * While a run is in progress, leaving or reloading the page asks first (the browser shows its own
 * wording; preventDefault is what asks). A run would otherwise be lost without a word.
 */
export function installUnloadGuard(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (!selectBusy(useStore.getState())) return;
    e.preventDefault();
    // Older Chromium and Firefox ask only when returnValue is set.
    e.returnValue = '';
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  return () => target.removeEventListener('beforeunload', onBeforeUnload);
}
