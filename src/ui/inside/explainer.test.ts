import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { METHOD_KEYS } from '../../core/config/methods';
import { METHOD_INSIDE } from '../../core/config/methods/inside';

// Every method's loss parses as TeX (KaTeX throws on the first error when asked to).
describe('explainer formulas', () => {
  for (const method of METHOD_KEYS) {
    it(`${method}: its loss renders with KaTeX`, () => {
      const html = katex.renderToString(METHOD_INSIDE[method].explainer.formula, { displayMode: true, throwOnError: true });
      expect(html).toContain('class="katex-display"');
    });
  }
});
