import { dismissUrlNotices } from '../../state/actions';
import { useStore } from '../../state/store';
import { selectUrlNotices } from '../../state/selectors';

/** What the opening link asked for that could not be used. Never fatal: the defaults were used. */
export function UrlNotice() {
  const notices = useStore(selectUrlNotices);
  if (notices.length === 0) return null;
  return (
    <div className="notice notice--warn" role="status" data-testid="url-notice">
      <div className="notice__body">
        <p>The link asked for things this app could not use; defaults were used for:</p>
        <ul>
          {notices.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="button button--quiet" onClick={dismissUrlNotices} data-testid="dismiss-url-notice">
        Dismiss
      </button>
    </div>
  );
}
