import { createElement, useState, type ReactNode } from 'react';
import { ApiError, NetworkError } from '../../api/client';
import { ServerMessage, type FieldLabels } from '../../ui/ServerMessage';

/** What a failed request says on a form: on the field the server named, else for the whole form. */
export interface FormError {
  field?: string;
  message: ReactNode;
}

/** The state of a form's submission; the inputs stay where they are whatever the outcome. */
export function useSubmit<T>(action: () => Promise<T>, explain: (error: unknown) => ReactNode) {
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      setError({ field: caught instanceof ApiError ? caught.field : undefined, message: explain(caught) });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { submit, error, busy, setError };
}

/**
 * The plain words for an error any form can meet: the server's own message in the reader's
 * language (ui/ServerMessage.tsx), after the label the page gives the field it names.
 */
export function commonExplanation(
  error: unknown,
  t: (key: string) => string,
  labels?: FieldLabels,
): ReactNode {
  if (error instanceof NetworkError) return t('errors.network');
  if (error instanceof ApiError) {
    if (error.status === 429) return t('errors.tooMany');
    if (error.status >= 500) return t('errors.server');
    return createElement(ServerMessage, { message: error.message, labels });
  }
  return t('errors.server');
}
