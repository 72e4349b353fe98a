import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, data } from '../../api/client';
import { PublicFrame } from '../../app/Layout';
import { homeOf } from '../../app/routes';
import { Link, navigate, useLocation } from '../../app/router';
import { afterSignIn } from '../../app/session';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { NewPasswordFields, passwordsReady } from './NewPasswordFields';
import { commonExplanation, useSubmit } from './useForm';

/** The page a reset mail links to: a new password, then sign in with it. */
export default function PasswordResetConfirm() {
  const { t } = useTranslation();
  const token = useLocation().search.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const { submit, error, busy } = useSubmit(
    async () => {
      await data(api.POST('/auth/password-reset/confirm', { body: { token, password } }));
      // The server may open a session with the new password at once: then straight in.
      const me = await afterSignIn();
      if (me) navigate(homeOf(me.user.role), { replace: true });
      else setDone(true);
    },
    (caught) =>
      caught instanceof ApiError &&
      (caught.status === 404 || caught.status === 410 || caught.field === 'token')
        ? t('reset.expired')
        : commonExplanation(caught, t),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (passwordsReady(password, repeat)) void submit();
  };
  return (
    <PublicFrame>
      <h1 tabIndex={-1}>{t('reset.confirmTitle')}</h1>
      {done ? (
        <>
          <StatusAnnouncer tone="done">{t('reset.done')}</StatusAnnouncer>
          <p>
            <Link to="/sign-in">{t('reset.signIn')}</Link>
          </p>
        </>
      ) : (
        <form onSubmit={onSubmit}>
          <NewPasswordFields
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            error={error?.field === 'password' ? error.message : null}
          />
          <StatusAnnouncer tone={error && error.field !== 'password' ? 'error' : undefined}>
            {error && error.field !== 'password' ? error.message : null}
          </StatusAnnouncer>
          <button type="submit" disabled={busy || !token}>
            {t('reset.confirmSubmit')}
          </button>
        </form>
      )}
    </PublicFrame>
  );
}
