import { METHOD_GROUPS, METHOD_SPECS, type MethodKey, type MethodSpec } from '../../core/config/methods';
import { measuredSentence } from '../../core/config/measured';
import { setMethod } from '../../state/actions';

const SPECS: readonly MethodSpec[] = Object.values(METHOD_SPECS);

/** Methods grouped as the SSL story goes: pretext tasks → contrastive → … → masked modelling. */
export function MethodPicker({ method, disabled }: { method: MethodKey; disabled: boolean }) {
  const spec: MethodSpec = METHOD_SPECS[method];
  const measured = measuredSentence(method, spec.label);
  return (
    <div className="method-picker">
      <label className="field-label" htmlFor="method-select">
        Method
      </label>
      <select id="method-select" data-testid="method-select" value={method} disabled={disabled} onChange={(e) => setMethod(e.target.value as MethodKey)}>
        {METHOD_GROUPS.map((g) => {
          const members = SPECS.filter((s) => s.group === g.key);
          if (members.length === 0) return null;
          return (
            <optgroup key={g.key} label={g.label}>
              {members.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
      <p className="method-picker__blurb" data-testid="method-blurb">
        {spec.blurb}
      </p>
      <p className="method-picker__paper" data-testid="method-paper">
        {spec.paper}
      </p>
      {measured && (
        <p className="method-picker__measured" data-testid="method-measured">
          {measured}
        </p>
      )}
    </div>
  );
}
