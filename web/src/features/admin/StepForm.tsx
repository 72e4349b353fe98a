import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Field, FieldError } from '../../ui/Field';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { commonExplanation } from '../account/useForm';

export interface FieldSpec {
  /** The field's path in the request body, as the API's messages name it (`dropPoint.latitude`). */
  name: string;
  label: string;
  type?: 'text' | 'email' | 'number' | 'date' | 'month' | 'select' | 'url';
  options?: { value: string; label: string }[];
  initial?: string;
  optional?: boolean;
  hint?: string;
}

type Body = Record<string, unknown>;

/** Sets `value` at a dotted path, numbers for indexes (`vehicles.0.name`). */
function setPath(body: Body, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = body;
  keys.slice(0, -1).forEach((key, index) => {
    const nextIsIndex = /^\d+$/.test(keys[index + 1]);
    node[key] ??= nextIsIndex ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1]] = value;
}

/** The request body of a step's values: numbers as numbers, empty optional fields left out. */
export function bodyOf(fields: FieldSpec[], values: Record<string, string>): Body {
  const body: Body = {};
  for (const field of fields) {
    const text = values[field.name] ?? '';
    if (field.optional && text.trim() === '') continue;
    setPath(
      body,
      field.name,
      field.type === 'number' ? (text.trim() === '' ? undefined : Number(text)) : text,
    );
  }
  return body;
}

/**
 * The field a server message names: its start is a field's path followed by a space or a colon
 * (`dropPoint.latitude must not be…`, `lines.0.quantity: exceeds…`); the longest such path wins.
 */
export function fieldNamed(message: string, names: Iterable<string>): string | undefined {
  const first = message.split('; ')[0];
  return [...names]
    .filter((name) => first.startsWith(`${name} `) || first.startsWith(`${name}:`))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * One step's form. Its input survives a refused request, and the API's 400 message lands on the
 * field it names (`dropPoint.latitude: must not be greater than 90`), else above the button.
 */
export function StepForm({
  id,
  fields,
  submitLabel,
  onSubmit,
}: {
  id: string;
  fields: FieldSpec[];
  submitLabel: string;
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const initial = () =>
    Object.fromEntries(fields.map((f) => [f.name, f.initial ?? f.options?.[0]?.value ?? '']));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [error, setError] = useState<{ field?: string; message: ReactNode } | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const names = new Set(fields.map((f) => f.name));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await onSubmit(values);
      setDone(true);
      setValues(initial());
    } catch (caught) {
      const field = caught instanceof ApiError ? fieldNamed(caught.message, names) : undefined;
      // The message's first field is under its input (no label again there), the others named.
      const labelOf = (path: string) =>
        path === field ? '' : fields.find((one) => one.name === path)?.label;
      setError({ field, message: commonExplanation(caught, t, labelOf) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      {fields.map((field) => {
        const common = {
          value: values[field.name] ?? '',
          error: error?.field === field.name ? error.message : null,
        };
        const label = field.optional ? `${field.label} ${t('admin.optional')}` : field.label;
        if (field.type === 'select') {
          const selectId = `${id}-${field.name}`;
          return (
            <div className="field" key={field.name}>
              <label htmlFor={selectId}>{label}</label>
              <select
                id={selectId}
                value={common.value}
                aria-invalid={common.error ? true : undefined}
                aria-describedby={common.error ? `${selectId}-error` : undefined}
                onChange={(e) => setValues((all) => ({ ...all, [field.name]: e.target.value }))}
              >
                {field.options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
              {common.error && <FieldError id={`${selectId}-error`}>{common.error}</FieldError>}
            </div>
          );
        }
        return (
          <Field
            key={field.name}
            id={`${id}-${field.name}`}
            label={label}
            hint={field.hint}
            type={field.type === 'month' ? 'text' : (field.type ?? 'text')}
            inputMode={field.type === 'number' ? 'decimal' : undefined}
            placeholder={field.type === 'month' ? 'YYYY-MM' : undefined}
            {...common}
            onChange={(e) => setValues((all) => ({ ...all, [field.name]: e.target.value }))}
          />
        );
      })}
      <StatusAnnouncer tone={done ? 'done' : error && !error.field ? 'error' : undefined}>
        {done ? t('admin.stepSaved') : error && !error.field ? error.message : null}
      </StatusAnnouncer>
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
