import { describe, expect, it } from 'vitest';
import { factorProbeTable } from './factorProbes';

describe('factor-probe table', () => {
  it('is empty without factor probes (MNIST runs)', () => {
    expect(factorProbeTable([{ step: 0, probeAccuracy: 0.5 }, { step: 10, loss: 1 }])).toEqual({ step: null, rows: [] });
  });

  it('pairs each factor’s random-init probe with its latest reading', () => {
    const at = (step: number, colour: number) => ({
      step,
      'factorProbe.shape': 0.3,
      'factorProbe.colour': colour,
      'factorProbe.size': 0.5,
      'factorProbe.position': 0.4,
      'factorProbe.rotation': 0.25,
      'factorProbe.background': NaN,
    });
    const t = factorProbeTable([at(0, 0.9), { step: 5, loss: 2 }, at(100, 0.6), { step: 101, loss: 1.9 }, at(200, 0.2)]);
    expect(t.step).toBe(200);
    const colour = t.rows.find((r) => r.factor === 'colour')!;
    expect([colour.chance, colour.initial, colour.latest]).toEqual([1 / 6, 0.9, 0.2]);
    expect(t.rows.find((r) => r.factor === 'background')!.latest).toBeNull();
    expect(t.rows.map((r) => r.factor)).toEqual(['shape', 'colour', 'size', 'position', 'rotation', 'background']);
    // Before training only the random-init column has values.
    expect(factorProbeTable([at(0, 0.9)]).rows[1].latest).toBeNull();
  });
});
