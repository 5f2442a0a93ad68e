import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GLOBAL_KNOBS } from '../core/config/globalKnobs';
import { checkKnobValue } from '../core/config/knobs';
import { METHOD_KEYS, METHOD_SPECS } from '../core/config/methods';
import type { MethodSpec } from '../core/config/methods/types';
import { defaultConfig } from '../core/config/schema';
import { decodeConfig } from '../core/config/url';
import { setMethod } from './actions';
import { initialState, useStore } from './store';

// No worker in Node.
vi.mock('./workerClient', () => ({ connectWorker: () => {}, terminateWorker: () => {}, sendToWorker: () => {} }));

const state = () => useStore.getState();

beforeEach(() => {
  useStore.setState(initialState(defaultConfig('simclr')));
});

describe('a method’s own defaults for shared knobs', () => {
  it('every declared one names a shared knob and is a valid value for it', () => {
    for (const key of METHOD_KEYS) {
      for (const [name, value] of Object.entries((METHOD_SPECS[key] as MethodSpec).globalDefaults ?? {})) {
        const knob = GLOBAL_KNOBS.find((k) => k.name === name);
        expect(knob, `${key}: ${name}`).toBeDefined();
        expect(checkKnobValue(knob!, value), `${key}: ${name}=${value}`).toEqual({ value });
      }
    }
  });

  it('the supervised reference trains at lr 0.01 by default (link without lr too); SimCLR at 0.003, MAE at the global 0.001', () => {
    expect(defaultConfig('supervised').lr).toBe(0.01);
    expect(decodeConfig('method=supervised').config.lr).toBe(0.01);
    expect(defaultConfig('simclr').lr).toBe(0.003);
    expect(defaultConfig('mae').lr).toBe(0.001);
  });

  it('switching method: a shared knob at the old default follows the new default; one the user set stays', () => {
    setMethod('supervised');
    expect(state().config.lr).toBe(0.01);
    setMethod('simclr');
    expect(state().config.lr).toBe(0.003);
    setMethod('mae');
    expect(state().config.lr).toBe(0.001);
    useStore.setState({ config: { ...state().config, lr: 0.0005 } });
    setMethod('supervised');
    expect(state().config).toMatchObject({ method: 'supervised', lr: 0.0005 });
  });
});
