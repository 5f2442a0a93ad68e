import { dismissErrors } from '../../state/actions';
import { useStore } from '../../state/store';
import { selectErrors } from '../../state/selectors';

/** Errors the worker reported (invalid config, failed preview, crashed run). */
export function ErrorList() {
  const errors = useStore(selectErrors);
  if (errors.length === 0) return null;
  return (
    <div className="notice notice--error" role="alert">
      <ul className="notice__body" data-testid="error-list">
        {errors.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
      <button type="button" className="button button--quiet" onClick={dismissErrors} data-testid="dismiss-errors">
        Dismiss
      </button>
    </div>
  );
}
