import { useEffect, useState } from 'react';
import type { MethodKey } from '../../core/config/methods';
import { METHOD_SPECS } from '../../core/config/methods';
import { METHOD_INSIDE } from '../../core/config/methods/inside';
import { useStore } from '../../state/store';
import { selectConfig, selectLastRun } from '../../state/selectors';

/**
 * The loss as KaTeX renders it (HTML and MathML); a formula KaTeX cannot parse is shown as its source,
 * in red. KaTeX (~270 kB) loads on first use, in its own chunk, not with the page.
 */
async function renderFormula(tex: string): Promise<string> {
  const [{ default: katex }] = await Promise.all([import('katex'), import('katex/dist/katex.min.css')]);
  return katex.renderToString(tex, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
}

/** The method in a few lines: its idea, its loss (the terms the charts show), what keeps it from collapsing, the paper. */
export function Explainer() {
  const config = useStore(selectConfig);
  const lastRun = useStore(selectLastRun);
  const method: MethodKey = (lastRun?.config.method as MethodKey | undefined) ?? config.method;
  const { explainer } = METHOD_INSIDE[method];
  const [html, setHtml] = useState<{ tex: string; html: string } | null>(null);
  useEffect(() => {
    let live = true;
    void renderFormula(explainer.formula).then((h) => live && setHtml({ tex: explainer.formula, html: h }));
    return () => {
      live = false;
    };
  }, [explainer.formula]);
  return (
    <div className="card chart explainer" data-testid="explainer" data-method={method}>
      <div className="chart__head">
        <h3>{`${METHOD_SPECS[method].label}: the idea`}</h3>
      </div>
      <p>{explainer.idea}</p>
      {html?.tex === explainer.formula && (
        // A wide formula scrolls sideways on a phone: focusable, so a keyboard can scroll it too (axe: scrollable-region-focusable).
        <div className="explainer__formula" data-testid="explainer-formula" tabIndex={0} role="group" aria-label="The loss, as a formula" dangerouslySetInnerHTML={{ __html: html.html }} />
      )}
      <p>
        <strong>What keeps it from collapsing: </strong>
        {explainer.collapse}
      </p>
      <p className="explainer__paper">
        <a href={explainer.url} target="_blank" rel="noreferrer">
          {explainer.paper}
        </a>
      </p>
    </div>
  );
}
