import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { PublicFrame } from '../../app/Layout';
import { homeOf } from '../../app/routes';
import { navigate, useLocation } from '../../app/router';
import { afterSignIn } from '../../app/session';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { NewPasswordFields, passwordsReady } from './NewPasswordFields';
import { commonExplanation, useSubmit } from './useForm';

/**
 * A page a mail links to with `?token=…` (an invitation, a password reset): choose a password
 * twice, send it with the token, then straight into the app when the server opened a session,
 * else `signedOut` (or the sign-in page). A token the server no longer knows is `expired`.
 */
export function PasswordFromLink({
  title,
  intro,
  submitLabel,
  expired,
  withoutToken,
  signedOut,
  send,
}: {
  title: string;
  intro?: string;
  submitLabel: string;
  expired: string;
  /** Said instead of the form when the link has no token; without it, the button is disabled. */
  withoutToken?: string;
  /** Shown once sent when no session was opened; without it, the sign-in page. */
  signedOut?: ReactNode;
  send: (body: { token: string; password: string }) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const token = useLocation().search.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const { submit, error, busy } = useSubmit(
    async () => {
      await send({ token, password });
      const me = await afterSignIn();
      if (me) navigate(homeOf(me.user.role), { replace: true });
      else if (signedOut) setDone(true);
      else navigate('/sign-in', { replace: true });
    },
    (caught) =>
      caught instanceof ApiError &&
      (caught.status === 404 || caught.status === 410 || caught.field === 'token')
        ? expired
        : commonExplanation(caught, t, { password: '' }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (passwordsReady(password, repeat)) void submit();
  };
  const otherError = error && error.field !== 'password' ? error.message : null;
  return (
    <PublicFrame>
      <h1 tabIndex={-1}>{title}</h1>
      {intro && <p>{intro}</p>}
      {done ? (
        signedOut
      ) : !token && withoutToken ? (
        <StatusAnnouncer tone="error">{withoutToken}</StatusAnnouncer>
      ) : (
        <form onSubmit={onSubmit}>
          <NewPasswordFields
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            error={error?.field === 'password' ? error.message : null}
          />
          <StatusAnnouncer tone={otherError ? 'error' : undefined}>{otherError}</StatusAnnouncer>
          <button type="submit" disabled={busy || !token}>
            {submitLabel}
          </button>
        </form>
      )}
    </PublicFrame>
  );
}
