import type { KnobValue } from '../../core/config/knobs';
import type { AugmentConfig } from '../../core/config/schema';
import { setAug } from '../../state/actions';
import { augmentGroups } from './augmentGroups';
import { KnobField } from './KnobField';

const GROUPS = augmentGroups();

/** Each augmentation's toggle with its strengths beside it; strengths are locked while it is off. */
export function AugmentKnobs({ aug, disabled }: { aug: AugmentConfig; disabled: boolean }) {
  const values: Readonly<Record<string, KnobValue>> = aug;
  const commit = (name: string) => (v: KnobValue) => setAug(name as keyof AugmentConfig, v);
  return (
    <div className="augment-groups">
      {GROUPS.map(({ toggle, strengths }) => {
        const on = toggle ? values[toggle.name] === true : true;
        return (
          <div key={toggle?.name ?? strengths[0].name} className={`augment-group${on ? '' : ' augment-group--off'}`}>
            {toggle && <KnobField knob={toggle} value={values[toggle.name]} onCommit={commit(toggle.name)} disabled={disabled} />}
            {strengths.length > 0 && (
              <div className={toggle ? 'augment-group__strengths' : undefined}>
                {strengths.map((k) => (
                  <KnobField key={k.name} knob={k} value={values[k.name]} onCommit={commit(k.name)} disabled={disabled || !on} />
                ))}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
