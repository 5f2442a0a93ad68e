/**
 * A question the page must ask before it does something that would lose work (replace an
 * interrupted run, replace edited settings). One at a time, answered by a choice or Cancel; the
 * dialog (ui/notices/QuestionDialog.tsx) only shows it.
 */
export interface Choice {
  label: string;
  testId: string;
  run(): void;
}

export interface Question {
  title: string;
  text: string;
  /** What the page would do, each a button; Cancel (and Escape) always closes without doing anything. */
  choices: Choice[];
  /** Focus Cancel first rather than the first choice (when every choice replaces something). */
  focusCancel?: boolean;
}

/** Settings a View (or a resumed run) just changed, for the controls to highlight and announce. */
export interface SettingsChanged {
  /** Test ids of the controls that show the changed settings. */
  testIds: string[];
  /** The change in words, for a live region. */
  summary: string;
  /** Distinguishes two identical changes in a row (each is highlighted again). */
  serial: number;
}
