import { METHOD_SPECS } from '../../core/config/methods';
import type { ExperimentConfig } from '../../core/config/schema';
import { start } from '../actions';
import { viewRun } from '../runs/actions';
import { discardInterrupted, interruptedLookup, resumeInterrupted } from '../runs/progress';
import { useStore } from '../store';
import { ask } from './actions';
import { configChanges, describeChanges } from './configChanges';

/**
 * Nothing that would lose work happens without asking (issue 8): a new run would replace an
 * interrupted one's record at its first checkpoint; a View or a link would replace settings the
 * person edited. Each guard does the thing at once when nothing would be lost, else asks.
 */
const get = useStore.getState;
const set = useStore.setState;

let serial = 0;

/** Highlights and announces what the controls now show differently (after a View or a Resume). */
export function showChanges(before: ExperimentConfig, after: ExperimentConfig, what: string): void {
  const changes = configChanges(before, after);
  serial += 1;
  set({ settingsChanged: { testIds: changes.map((c) => c.testId), summary: `${what} ${describeChanges(changes)}`, serial } });
}

/** Settings changed in the controls since the experiment last came from outside them. */
export function editedSettings() {
  const s = get();
  return configChanges(s.appliedConfig, s.config);
}

/** Resumes the interrupted run and shows what the controls now show differently; false when it could not. */
export async function resumeShowingChanges(): Promise<boolean> {
  const before = get().config;
  const resumed = await resumeInterrupted();
  if (resumed) showChanges(before, get().config, 'Resuming the interrupted run.');
  return resumed;
}

/** Start, or first ask what to do with the interrupted run a new run would replace. */
export function startAskingFirst(startNew: () => void = start): void {
  const pending = interruptedLookup();
  if (pending) {
    void pending.then(() => startAskingFirst(startNew));
    return;
  }
  const interrupted = get().savedRunsInfo.interrupted;
  if (!interrupted) return startNew();
  const label = METHOD_SPECS[interrupted.method].label;
  ask({
    title: 'Resume the interrupted run?',
    text: `The ${label} run interrupted at step ${interrupted.step} of ${interrupted.totalSteps} is kept and can go on where it stopped. A new run would replace it.`,
    choices: [
      { label: 'Resume it', testId: 'ask-resume', run: () => void resumeShowingChanges() },
      { label: 'Discard it and start the new run', testId: 'ask-discard', run: () => void discardInterrupted().then(startNew) },
    ],
  });
}

/** Resume from the Saved runs panel: the controls take the interrupted run's settings, shown as changes. */
export function resumeInterruptedShowingChanges(): void {
  void resumeShowingChanges();
}

function editedText(): string {
  const edited = editedSettings();
  return `You changed ${describeChanges(edited).replace(/^\d+ settings? changed: /, '')}`;
}

/** View a saved run; when the controls hold edits, ask before its settings replace them. */
export function viewAskingFirst(id: string): void {
  const go = async () => {
    const before = get().config;
    if (await viewRun(id)) showChanges(before, get().config, 'Showing the saved run.');
  };
  if (editedSettings().length === 0) return void go();
  ask({
    title: 'Replace your edited settings?',
    text: `${editedText()} The saved run's settings would take their place (Share keeps a link to yours if you want them back).`,
    choices: [{ label: 'View and replace my settings', testId: 'ask-view', run: () => void go() }],
    focusCancel: true,
  });
}

/**
 * Run all of a comparison link: the queue puts each run's settings into the controls in turn; when
 * the controls hold edits, ask first, as View does.
 */
export function runAllAskingFirst(runAll: () => void): void {
  if (editedSettings().length === 0) return runAll();
  ask({
    title: 'Replace your edited settings?',
    text: `${editedText()} Run all puts each of the link's experiments into the controls in turn (Share keeps a link to yours if you want them back).`,
    choices: [{ label: 'Run all and replace my settings', testId: 'ask-run-all', run: runAll }],
    focusCancel: true,
  });
}

/**
 * A link to another experiment (the gallery's) opens in place of this page; when the controls hold
 * edits, ask first. Returns true when it took over the navigation.
 */
export function openLinkAskingFirst(href: string, navigate: (href: string) => void = (h) => window.location.assign(h)): boolean {
  if (editedSettings().length === 0) return false;
  ask({
    title: 'Replace your edited settings?',
    text: `${editedText()} The link opens its own experiment in their place.`,
    choices: [{ label: 'Open the link', testId: 'ask-open-link', run: () => navigate(href) }],
    focusCancel: true,
  });
  return true;
}
