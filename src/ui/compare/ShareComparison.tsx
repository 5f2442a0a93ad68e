import { useRef, useState } from 'react';
import { encodeComparisonLink } from '../../core/compare/pageLink';
import type { ExperimentConfig } from '../../core/config/schema';
import { selectHidden } from '../../state/link/selectors';
import { useStore } from '../../state/store';
import { copyText } from '../share/clipboard';

/** One URL for a set of experiments (a comparison or a sweep): the base plus what varies per run. */
export function ShareComparison({ configs, what, testId = 'share-comparison' }: { configs: readonly ExperimentConfig[]; what: string; testId?: string }) {
  const hidden = useStore(selectHidden);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const share = async () => {
    const url = `${window.location.origin}${window.location.pathname}?${encodeComparisonLink(configs, hidden)}`;
    setLink(url);
    const ok = await copyText(url);
    setCopied(ok);
    if (!ok) input.current?.select();
  };
  return (
    <div className="share-comparison">
      <button type="button" className="button" data-testid={testId} disabled={configs.length === 0} onClick={share}>
        Copy link to {what}
      </button>
      {link && (
        <span className="share__link">
          <input ref={input} type="text" readOnly value={link} data-testid={`${testId}-link`} aria-label={`Link to ${what}`} onFocus={(e) => e.target.select()} />
          {copied !== null && <small role="status">{copied ? 'Copied' : 'Select and copy'}</small>}
        </span>
      )}
    </div>
  );
}
