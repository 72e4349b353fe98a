import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { Icon } from './Icon';

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: ReactNode;
  error?: ReactNode;
  hint?: ReactNode;
};

/** An input with its visible label, an optional hint, and its error tied to it for screen readers. */
export function Field({ label, error, hint, id, ...input }: FieldProps) {
  const own = useId();
  const inputId = id ?? own;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...input}
      />
      {error && <FieldError id={errorId!}>{error}</FieldError>}
    </div>
  );
}

/** An error under its field: an icon and words, never colour alone. */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="error" id={id}>
      <Icon name="warning" /> {children}
    </p>
  );
}
