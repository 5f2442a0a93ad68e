import { AUGMENT_KNOBS, GLOBAL_KNOBS } from '../../core/config/globalKnobs';
import type { Knob, KnobValue } from '../../core/config/knobs';
import { METHOD_SPECS } from '../../core/config/methods';
import { defaultConfig, methodKnobs, type ExperimentConfig } from '../../core/config/schema';

/** One setting that differs between two experiments, named as the controls name it. */
export interface SettingChange {
  label: string;
  from: string;
  to: string;
  /** The control showing it (data-testid). */
  testId: string;
}

const shown = (v: unknown) => (v === undefined ? '—' : String(v));

function knobChanges(knobs: readonly Knob[], before: Record<string, KnobValue | undefined>, after: Record<string, KnobValue | undefined>): SettingChange[] {
  return knobs.filter((k) => before[k.name] !== after[k.name]).map((k) => ({ label: k.label, from: shown(before[k.name]), to: shown(after[k.name]), testId: `knob-${k.name}` }));
}

/**
 * What the controls will show differently when `after` replaces `before`: method, dataset, backend,
 * then each training, method and augmentation knob. When the method changes, its knobs are compared
 * with the new method's defaults (the old method's knobs are not the same knobs).
 */
export function configChanges(before: ExperimentConfig, after: ExperimentConfig): SettingChange[] {
  const out: SettingChange[] = [];
  if (before.method !== after.method) out.push({ label: 'Method', from: METHOD_SPECS[before.method].label, to: METHOD_SPECS[after.method].label, testId: 'method-select' });
  if (before.dataset !== after.dataset) out.push({ label: 'Dataset', from: before.dataset, to: after.dataset, testId: 'dataset-select' });
  if (before.backend !== after.backend) out.push({ label: 'Backend', from: before.backend, to: after.backend, testId: 'backend-select' });
  const g = (c: ExperimentConfig) => c as unknown as Record<string, KnobValue>;
  out.push(...knobChanges(GLOBAL_KNOBS, g(before), g(after)));
  const paramsBefore = before.method === after.method ? before.params : defaultConfig(after.method).params;
  out.push(...knobChanges(methodKnobs(after.method), paramsBefore, after.params));
  out.push(...knobChanges(AUGMENT_KNOBS, before.aug, after.aug));
  return out;
}

/** The changes in words for a screen reader: the first few, then how many more. */
export function describeChanges(changes: readonly SettingChange[], max = 6): string {
  if (changes.length === 0) return 'No setting changed.';
  const listed = changes.slice(0, max).map((c) => `${c.label} ${c.from} → ${c.to}`);
  const more = changes.length > max ? `, and ${changes.length - max} more` : '';
  return `${changes.length} setting${changes.length === 1 ? '' : 's'} changed: ${listed.join(', ')}${more}.`;
}
