import { useRef, useState } from 'react';
import { shareUrl } from '../../state/actions';
import { useStore } from '../../state/store';
import { selectConfig, selectLastRun } from '../../state/selectors';
import { copyText } from './clipboard';
import { downloadRun } from './download';

type Feedback = 'copying' | 'copied' | 'manual' | null;

const FEEDBACK: Record<Exclude<Feedback, null>, string> = {
  copying: 'Copying…',
  copied: 'Copied',
  manual: 'Select and copy',
};

/** The experiment as a link (every setting, defaults included), and the last run as a file. */
export function SharePanel() {
  const lastRun = useStore(selectLastRun);
  const config = useStore(selectConfig);
  const [shared, setShared] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // Once shown, the link follows the settings; "Copied" no longer holds after a change.
  const [seenConfig, setSeenConfig] = useState(config);
  if (seenConfig !== config) {
    setSeenConfig(config);
    setFeedback(null);
  }
  const link = shared ? shareUrl() : null;

  const share = async () => {
    const url = shareUrl();
    setShared(true);
    setFeedback('copying');
    const ok = await copyText(url);
    setFeedback(ok ? 'copied' : 'manual');
    if (!ok) inputRef.current?.select();
  };

  return (
    <section className="card share" aria-label="Share">
      <h2>Share</h2>
      <div className="share__buttons">
        <button type="button" className="button" data-testid="share" onClick={share}>
          Copy link to this experiment
        </button>
        <button type="button" className="button" data-testid="export-run" disabled={!lastRun} onClick={() => lastRun && downloadRun(lastRun)}>
          Export run
        </button>
      </div>
      {link !== null && (
        <div className="share__link">
          <input ref={inputRef} type="text" readOnly value={link} data-testid="share-link" aria-label="Link to this experiment" onFocus={(e) => e.target.select()} />
          {feedback && (
            <small className={`share__feedback share__feedback--${feedback}`} data-testid="share-feedback" role="status">
              {FEEDBACK[feedback]}
            </small>
          )}
        </div>
      )}
      <p className="share__hint">The link holds every setting, the seed included: whoever opens it gets the same experiment.</p>
    </section>
  );
}
