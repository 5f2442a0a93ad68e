import { useEffect, useRef } from 'react';
import { answer } from '../../state/ask/actions';
import { useStore } from '../../state/store';

const selectQuestion = (s: ReturnType<typeof useStore.getState>) => s.question;

/**
 * The page's one question (state/ask), in a native modal <dialog>: focus moves into it and stays
 * there, Escape is Cancel, and focus goes back to the button that asked when it closes.
 */
export function QuestionDialog() {
  const question = useStore(selectQuestion);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (question && !dialog.open) {
      dialog.showModal();
      // React's autoFocus runs at mount, while the dialog is still closed: focus the chosen button now.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!question && dialog.open) dialog.close();
  }, [question]);

  return (
    <dialog
      ref={ref}
      className="question"
      data-testid="question"
      aria-labelledby="question-title"
      aria-describedby="question-text"
      onCancel={(e) => {
        e.preventDefault();
        answer(null);
      }}
    >
      {question && (
        <>
          <h2 id="question-title">{question.title}</h2>
          <p id="question-text">{question.text}</p>
          <div className="question__buttons">
            {question.choices.map((c, i) => (
              <button key={c.testId} type="button" className={`button${i === 0 ? ' button--primary' : ''}`} data-testid={c.testId} data-autofocus={i === 0 && !question.focusCancel ? true : undefined} onClick={() => answer(c)}>
                {c.label}
              </button>
            ))}
            <button type="button" className="button button--quiet" data-testid="ask-cancel" data-autofocus={question.focusCancel ? true : undefined} onClick={() => answer(null)}>
              Cancel
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
