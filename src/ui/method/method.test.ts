import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialState, useStore, type AppState } from '../../state/store';
import { barView, MAX_BARS, summarize } from './bars';
import { hasMethodView, MethodPanel, methodLabel } from './MethodPanel';
import { METHOD_SPECS, methodMetric, type MethodSpec } from '../../core/config/methods';

// Server rendering reads zustand's initial state (getInitialState), never the state set below: render
// with a store hook that reads the live state instead.
vi.mock('../../state/store', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../state/store')>();
  const read = <T>(selector: (s: AppState) => T) => selector(mod.useStore.getState());
  return { ...mod, useStore: Object.assign(read, mod.useStore) };
});

describe('methodMetric', () => {
  it('gives the metrics a method declares a readable label and a hint', () => {
    expect(methodMetric('moco', 'queueFill')).toMatchObject({ label: 'MoCo queue fill', scale: 'percent' });
    expect(methodMetric('deepcluster', 'nmi').label).toBe('NMI of clusters vs labels');
    for (const [method, name] of [['dino', 'teacherEntropy'], ['dino', 'centerNorm'], ['jigsaw', 'pretextAccuracy']]) {
      expect(methodMetric(method, name).label).not.toBe(name);
      expect(methodMetric(method, name).hint.length).toBeGreaterThan(10);
    }
    for (const spec of Object.values(METHOD_SPECS) as MethodSpec[]) {
      for (const info of Object.values(spec.metrics ?? {})) expect(info.hint).not.toMatch(/\n/);
    }
  });

  it('falls back to the raw name for undeclared metrics and unknown methods, including Object.prototype names', () => {
    expect(methodMetric('simclr', 'fooBar')).toMatchObject({ label: 'fooBar', scale: 'auto' });
    expect(methodMetric('simclr', 'fooBar').hint).toContain('fooBar');
    expect(methodMetric('simclr', 'queueFill').label).toBe('queueFill');
    expect(methodMetric('notAMethod', 'queueFill').label).toBe('queueFill');
    expect(methodMetric('moco', 'toString').label).toBe('toString');
    expect(methodMetric('moco', 'constructor').label).toBe('constructor');
    expect(methodMetric('constructor', 'queueFill').label).toBe('queueFill');
  });
});

describe('barView', () => {
  it('draws few values one bar each, in order, with their labels', () => {
    const v = barView({ labels: ['a', 'b', 'c'], values: [3, NaN, 1] });
    expect(v.sorted).toBe(false);
    expect(v.perBar).toBe(1);
    expect(v.data.map((d) => [d.label, d.value])).toEqual([['a', 3], ['b', 0], ['c', 1]]);
    expect(v.summary).toEqual({ count: 2, min: 1, max: 3, mean: 2, zeros: 0 });
  });

  it('labels missing labels by index', () => {
    expect(barView({ labels: [], values: [5, 6] }).data.map((d) => d.label)).toEqual(['0', '1']);
  });

  it('sorts and groups k = 1000 values into at most MAX_BARS rank groups, keeping the mass', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 0 : 1 + ((i * 7919) % 97)));
    const v = barView({ labels: values.map((_, i) => `c${i}`), values });
    expect(v.sorted).toBe(true);
    expect(v.data.length).toBeLessThanOrEqual(MAX_BARS);
    expect(v.perBar).toBe(25);
    expect(v.data[0].label).toBe('1–25');
    expect(v.data.at(-1)!.label).toBe('976–1000');
    for (let i = 1; i < v.data.length; i++) expect(v.data[i].value).toBeLessThanOrEqual(v.data[i - 1].value);
    for (const d of v.data) expect(d.lo <= d.value && d.value <= d.hi).toBe(true);
    const total = values.reduce((a, b) => a + b, 0);
    expect(v.data.reduce((a, d) => a + d.value * 25, 0)).toBeCloseTo(total, 6);
    expect(v.summary?.zeros).toBe(100);
    expect(v.summary?.max).toBe(Math.max(...values));
  });

  it('handles an uneven last group and non-finite values', () => {
    const v = barView({ labels: [], values: [1, 2, 3, 4, 5, Infinity, 7] }, 3);
    expect(v.perBar).toBe(2);
    expect(v.data.map((d) => d.label)).toEqual(['1–2', '3–4', '5–6']);
    expect(v.data.map((d) => d.value)).toEqual([6, 3.5, 1.5]);
  });

  it('summarises nothing as null', () => {
    expect(summarize([])).toBeNull();
    expect(barView({ labels: [], values: [] }).data).toEqual([]);
  });
});

describe('MethodPanel', () => {
  afterEach(() => useStore.setState(initialState()));

  it('is shown only when there is something to show', () => {
    const info = { embeddingDim: 8, parameters: 10, extraMetrics: [] as string[] };
    expect(hasMethodView(null, null)).toBe(false);
    expect(hasMethodView(info, null)).toBe(false);
    expect(hasMethodView(info, { step: 3 })).toBe(false);
    expect(hasMethodView(info, { images: [], bars: [] })).toBe(false);
    expect(hasMethodView({ ...info, extraMetrics: ['nmi'] }, null)).toBe(true);
    expect(hasMethodView(null, { bars: [{ title: 't', labels: [], values: [] }] })).toBe(true);
    expect(methodLabel('simclr')).toBe('SimCLR');
    expect(methodLabel('notAMethod')).toBe('notAMethod');
  });

  it('renders nothing without extras or snapshot', () => {
    useStore.setState({ runInfo: { embeddingDim: 8, parameters: 10, extraMetrics: [] } });
    expect(renderToString(createElement(MethodPanel))).toBe('');
  });

  it('renders extra charts, image grids and bars from the store', () => {
    const img = (v: number) => new Uint8ClampedArray(4 * 4).fill(v);
    useStore.setState({
      config: { ...useStore.getState().config, method: 'moco' },
      runState: 'done',
      runInfo: { embeddingDim: 8, parameters: 10, extraMetrics: ['queueFill', 'mystery'] },
      history: [
        { step: 0, loss: 1 },
        { step: 10, loss: 0.9, queueFill: 0.25, mystery: 3 },
        { step: 20, loss: 0.8, queueFill: 0.5 },
      ],
      snapshot: {
        step: 20,
        images: [{ title: 'Reconstructions', columns: ['masked', 'reconstruction', 'original'], height: 4, width: 4, channels: 1, rows: [[img(0), img(128), img(255)], [img(1), img(2), img(3)]] }],
        bars: [{ title: 'Cluster sizes', labels: Array.from({ length: 500 }, (_, i) => String(i)), values: Array.from({ length: 500 }, (_, i) => i % 7) }],
      },
    });
    const html = renderToString(createElement(MethodPanel));
    expect(html).toContain('MoCo — method view');
    expect(html).toContain('data-testid="chart-extra-queueFill"');
    expect(html).toMatch(/data-testid="chart-extra-queueFill" data-points="2"/);
    expect(html).toMatch(/data-testid="chart-extra-mystery" data-points="1"/);
    expect(html).toContain('MoCo queue fill');
    expect(html).toMatch(/data-testid="latest-extra-queueFill" data-value="0.5"/);
    expect(html).toContain('data-testid="snapshot-images"');
    expect(html).toContain('reconstruction');
    expect((html.match(/<canvas/g) ?? []).length).toBe(6);
    expect(html).toContain('data-testid="snapshot-bars"');
    expect(html).toMatch(/data-count="500" data-bars="\d+" data-sorted="true"/);
    expect(html).toContain('step 20');
    expect(html).toContain('grid-template-columns:repeat(3, 56px)');
  });
});
