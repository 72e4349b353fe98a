import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';

/** The server's rule (at least 10 characters, not a common password) is checked there too. */
export const MIN_PASSWORD_LENGTH = 10;

/** A new password typed twice; the mismatch is said under the second field. */
export function NewPasswordFields({
  password,
  repeat,
  onPassword,
  onRepeat,
  error,
}: {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation();
  const mismatch = repeat.length > 0 && repeat !== password;
  return (
    <>
      <Field
        label={t('fields.newPassword')}
        hint={t('fields.passwordRule', { count: MIN_PASSWORD_LENGTH })}
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        value={password}
        error={error}
        onChange={(event) => onPassword(event.target.value)}
      />
      <Field
        label={t('fields.repeatPassword')}
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        error={mismatch ? t('fields.mismatch') : null}
        onChange={(event) => onRepeat(event.target.value)}
      />
    </>
  );
}

export const passwordsReady = (password: string, repeat: string) =>
  password.length >= MIN_PASSWORD_LENGTH && password === repeat;
