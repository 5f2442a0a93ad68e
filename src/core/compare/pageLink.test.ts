import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/schema';
import { encodeConfig } from '../config/url';
import { decodePageLink, encodeComparisonLink } from './pageLink';

const mae = defaultConfig('mae');

describe('page links with hide=', () => {
  it('reads hide on single and comparison links, validated like the rest', () => {
    const single = decodePageLink(`http://x/?${encodeConfig(mae)}&hide=augment,training,share`);
    expect(single).toEqual({ base: mae, runs: null, hide: ['augment', 'training', 'share'], notices: [] });
    const configs = [mae, { ...mae, params: { ...mae.params, maskRatio: 0.5 } }];
    const cmp = decodePageLink(`http://x/?${encodeComparisonLink(configs, ['knobs'])}`);
    expect(cmp).toEqual({ base: mae, runs: configs, hide: ['knobs'], notices: [] });
  });

  it('names a group that does not exist, clipped, and keeps the others', () => {
    const r = decodePageLink(`${encodeConfig(mae)}&hide=augment,${encodeURIComponent('<script>alert(1)</script>')},${'x'.repeat(100_000)}`);
    expect(r.hide).toEqual(['augment']);
    expect(r.notices).toHaveLength(2);
    expect(r.notices[0]).toBe('hide=<script>alert(1)</script> is not a control group (method, data, training, knobs, augment, share, runs, queue, preview); ignored');
    expect(r.notices[1].length).toBeLessThan(200);
  });

  it('clips overlong values in a single link’s notices too', () => {
    const r = decodePageLink(`method=mae&seed=${'9'.repeat(100_000)}`);
    expect(r.base.seed).toBe(1);
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0].length).toBeLessThan(300);
  });
});
