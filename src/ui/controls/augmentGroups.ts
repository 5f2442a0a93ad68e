import { AUGMENT_KNOBS } from '../../core/config/globalKnobs';
import type { Knob } from '../../core/config/knobs';

/** Which strength knobs belong to which on/off toggle: shown together, disabled when it is off. */
const STRENGTHS: Record<string, readonly string[]> = {
  crop: ['cropMin', 'cropMax', 'cropRatioMin', 'cropRatioMax'],
  flip: ['flipP'],
  jitter: ['jitterStrength', 'jitterP', 'jitterSaturation', 'jitterHue'],
  blur: ['blurSigma', 'blurSigmaMin', 'blurP'],
  noise: ['noiseStd'],
  gray: ['grayP'],
  solarize: ['solarizeP'],
  cutout: ['cutoutSize', 'cutoutP'],
};

export interface AugmentGroup {
  /** The on/off knob, or null for a knob that belongs to no toggle (rendered on its own). */
  toggle: Knob | null;
  strengths: Knob[];
}

/** Groups in table order. A knob added to AUGMENT_KNOBS but not listed above still gets a control. */
export function augmentGroups(knobs: readonly Knob[] = AUGMENT_KNOBS): AugmentGroup[] {
  const byName = new Map(knobs.map((k) => [k.name, k]));
  const placed = new Set<string>();
  const groups: AugmentGroup[] = [];
  for (const knob of knobs) {
    if (placed.has(knob.name)) continue;
    if (knob.kind === 'bool') {
      const strengths = (STRENGTHS[knob.name] ?? []).map((n) => byName.get(n)).filter((k): k is Knob => k !== undefined);
      [knob, ...strengths].forEach((k) => placed.add(k.name));
      groups.push({ toggle: knob, strengths });
    } else if (!Object.values(STRENGTHS).some((names) => names.includes(knob.name))) {
      placed.add(knob.name);
      groups.push({ toggle: null, strengths: [knob] });
    }
  }
  return groups;
}
