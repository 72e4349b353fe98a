import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface QuantityStepperProps {
  label: string;
  /** The sale unit the quantity counts ("1 kg bag"), shown beside the number. */
  unit: string;
  value: number;
  onChange: (value: number) => void;
  disabled?: boolean;
  describedBy?: string;
  max?: number;
}

/**
 * A whole quantity ≥ 0 with − and + buttons of a thumb's size; the number can be typed too.
 * The form prevents a negative or broken number, the server decides the rest.
 *
 * Right to left, the stepper mirrors with the layout, as a slider does: − at the inline start
 * (the right in Arabic), + at the inline end, the unit after it; so "less" is always where the
 * line's reading starts. The number itself stays left to right (`dir="ltr"`), as digits are.
 */
export function QuantityStepper({
  label,
  unit,
  value,
  onChange,
  disabled,
  describedBy,
  max,
}: QuantityStepperProps) {
  const { t } = useTranslation();
  const id = useId();
  const set = (next: number) =>
    onChange(Math.max(0, Math.min(max ?? Number.MAX_SAFE_INTEGER, Math.trunc(next))));
  return (
    <div className="stepper">
      <label htmlFor={id}>{label}</label>
      <div className="stepper-controls">
        <button
          type="button"
          onClick={() => set(value - 1)}
          disabled={disabled || value <= 0}
          aria-label={t('stepper.less', { what: label })}
        >
          −
        </button>
        <input
          id={id}
          dir="ltr"
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          step={1}
          value={Number.isFinite(value) ? value : 0}
          disabled={disabled}
          aria-describedby={describedBy}
          onChange={(event) => set(event.target.value === '' ? 0 : Number(event.target.value))}
        />
        <button
          type="button"
          onClick={() => set(value + 1)}
          disabled={disabled}
          aria-label={t('stepper.more', { what: label })}
        >
          +
        </button>
        <bdi className="stepper-unit">{unit}</bdi>
      </div>
    </div>
  );
}
