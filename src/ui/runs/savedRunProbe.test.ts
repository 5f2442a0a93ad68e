import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SavedRunProbe } from './SavedRuns';

describe('Saved runs: the probe column', () => {
  it('shows the accuracy as a percentage, and "no probe" (no number) for a run trained without evaluation', () => {
    expect(renderToString(createElement(SavedRunProbe, { probe: 0.8123 }))).toMatch(/probe <strong[^>]*data-value="0.8123"[^>]*>81\.2%<\/strong>/);
    const none = renderToString(createElement(SavedRunProbe, { probe: NaN }));
    expect(none).toContain('no probe');
    expect(none).not.toMatch(/\d/);
  });
});
