import { useId, useState, type KeyboardEvent } from 'react';
import type { BoolKnob, EnumKnob, Knob, KnobValue, NumberKnob } from '../../core/config/knobs';

/** Commits a value to the store; returns why it was refused, or null (the actions' contract). */
export type Commit = (value: KnobValue) => string | null;

interface FieldProps<K extends Knob> {
  knob: K;
  value: KnobValue;
  onCommit: Commit;
  disabled: boolean;
}

/** One control for any knob table row: the tables drive the UI (Playground's State.PROPS habit). */
export function KnobField(props: FieldProps<Knob>) {
  const { knob } = props;
  switch (knob.kind) {
    case 'bool':
      return <BoolField {...props} knob={knob} />;
    case 'enum':
      return <EnumField {...props} knob={knob} />;
    default:
      return <NumberField {...props} knob={knob} />;
  }
}

function Help({ text }: { text: string }) {
  return <small className="knob__help">{text}</small>;
}

function FieldError({ id, name, error }: { id: string; name: string; error: string | null }) {
  if (!error) return null;
  return (
    <small id={id} className="knob__error" role="alert" data-testid={`error-${name}`}>
      {error}
    </small>
  );
}

/**
 * Typed text commits on blur or Enter. A refused value stays in the box, in red with the reason,
 * until corrected; the store keeps the last valid value meanwhile. Number knobs (not int) also get
 * a slider, on a log scale where the table says so; it commits as it moves.
 */
function NumberField({ knob, value, onCommit, disabled }: FieldProps<NumberKnob>) {
  const id = useId();
  const errorId = `${id}-error`;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // An outside change (Defaults, a slider, a new method) replaces whatever was being typed.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(null);
    setError(null);
  }

  const commit = () => {
    if (draft === null) return;
    if (draft.trim() === '') {
      setError(`${knob.label} needs a value`);
      return;
    }
    const v = Number(draft);
    if (v === value) {
      setDraft(null);
      setError(null);
      return;
    }
    const err = onCommit(v);
    setError(err);
    if (!err) setDraft(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') {
      setDraft(null);
      setError(null);
    }
  };
  const fromSlider = (v: number) => {
    setDraft(null);
    setError(onCommit(v));
  };

  return (
    <div className={`knob knob--number${error ? ' knob--invalid' : ''}`} title={knob.help}>
      <div className="knob__row">
        <label htmlFor={id} className="knob__label">
          {knob.label}
        </label>
        <input
          id={id}
          type="number"
          className="knob__input"
          data-testid={`knob-${knob.name}`}
          min={knob.min}
          max={knob.max}
          step={knob.step ?? (knob.kind === 'int' ? 1 : 'any')}
          value={draft ?? String(value)}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
      </div>
      {knob.kind === 'number' && <Slider knob={knob} value={Number(value)} disabled={disabled} onChange={fromSlider} />}
      <FieldError id={errorId} name={knob.name} error={error} />
      <Help text={knob.help} />
    </div>
  );
}

const LOG_STEPS = 1000;

function Slider({ knob, value, disabled, onChange }: { knob: NumberKnob; value: number; disabled: boolean; onChange: (v: number) => void }) {
  const common = { type: 'range', className: 'knob__slider', disabled, 'aria-label': `${knob.label} slider`, 'data-testid': `slider-${knob.name}` } as const;
  if (knob.log && knob.min > 0) {
    const lo = Math.log(knob.min);
    const span = Math.log(knob.max) - lo;
    const pos = Math.round(((Math.log(Math.min(Math.max(value, knob.min), knob.max)) - lo) / span) * LOG_STEPS);
    return (
      <input
        {...common}
        min={0}
        max={LOG_STEPS}
        step={1}
        value={pos}
        onChange={(e) => {
          // Two significant digits: a log slider otherwise yields values like 0.0012589.
          const raw = Math.exp(lo + (Number(e.target.value) / LOG_STEPS) * span);
          onChange(Math.min(knob.max, Math.max(knob.min, Number(raw.toPrecision(2)))));
        }}
      />
    );
  }
  const step = knob.step ?? (knob.max - knob.min) / 100;
  return <input {...common} min={knob.min} max={knob.max} step={step} value={value} onChange={(e) => onChange(Number(e.target.value))} />;
}

function BoolField({ knob, value, onCommit, disabled }: FieldProps<BoolKnob>) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="knob knob--bool" title={knob.help}>
      <div className="knob__row knob__row--bool">
        <input
          id={id}
          type="checkbox"
          data-testid={`knob-${knob.name}`}
          checked={value === true}
          disabled={disabled}
          onChange={(e) => setError(onCommit(e.target.checked))}
        />
        <label htmlFor={id} className="knob__label">
          {knob.label}
        </label>
      </div>
      <FieldError id={`${id}-error`} name={knob.name} error={error} />
      <Help text={knob.help} />
    </div>
  );
}

function EnumField({ knob, value, onCommit, disabled }: FieldProps<EnumKnob>) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="knob knob--enum" title={knob.help}>
      <div className="knob__row">
        <label htmlFor={id} className="knob__label">
          {knob.label}
        </label>
        <select id={id} className="knob__input" data-testid={`knob-${knob.name}`} value={String(value)} disabled={disabled} onChange={(e) => setError(onCommit(e.target.value))}>
          {knob.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <FieldError id={`${id}-error`} name={knob.name} error={error} />
      <Help text={knob.help} />
    </div>
  );
}
