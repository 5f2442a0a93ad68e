import { useMemo, type MouseEvent } from 'react';
import { openLinkAskingFirst } from '../../state/ask/guards';
import { encodeComparisonLink } from '../../core/compare/pageLink';
import { PRESETS, presetSweep } from '../../core/compare/presets';
import { PRESET_TIMES } from '../../core/compare/presetTimes';
import { formatEta } from '../format';

/** A plain click replaces this page: with edited settings, ask first (a click meant for a new tab goes through). */
function onLinkClick(e: MouseEvent<HTMLAnchorElement>): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  if (openLinkAskingFirst(e.currentTarget.href)) e.preventDefault();
}

/** "Experiments to try": comparison links for a lecture, each with what to watch and its measured time. */
export function PresetsGallery() {
  const presets = useMemo(() => PRESETS.map((p) => ({ ...p, configs: presetSweep(p).configs })), []);
  return (
    <section className="card presets" aria-label="Experiments to try" data-testid="presets">
      <h2>Experiments to try</h2>
      <ul className="presets__list">
        {presets.map((p) => {
          const t = PRESET_TIMES[p.key];
          return (
            <li key={p.key} data-testid="preset" data-key={p.key}>
              <a href={`?${encodeComparisonLink(p.configs)}`} data-testid="preset-link" onClick={onLinkClick}>
                {p.title}
              </a>{' '}
              <small>
                {p.configs.length} runs · {formatEta(t.seconds)} on WASM, 2 shared CPU cores
              </small>
              <details>
                <summary>What to watch</summary>
                <p>{p.watch}</p>
                <p className="presets__measured">Measured here: {t.outcome}</p>
                {p.replays && (
                  <p className="presets__replays" data-testid="preset-replays">
                    The paper’s table: {p.replays.table}. Over 3 seeds, with a verdict: <code>{p.replays.findings}</code>.
                  </p>
                )}
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
