import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, data } from '../../api/client';
import { PublicFrame } from '../../app/Layout';
import { homeOf } from '../../app/routes';
import { navigate, useLocation } from '../../app/router';
import { afterSignIn } from '../../app/session';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { NewPasswordFields, passwordsReady } from './NewPasswordFields';
import { commonExplanation, useSubmit } from './useForm';

/** The page an invitation mail links to: choose a password, and the account is ready. */
export default function AcceptInvitation() {
  const { t } = useTranslation();
  const token = useLocation().search.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { submit, error, busy } = useSubmit(
    async () => {
      await data(api.POST('/auth/invitations/accept', { body: { token, password } }));
      const me = await afterSignIn();
      navigate(me ? homeOf(me.user.role) : '/sign-in', { replace: true });
    },
    (caught) =>
      caught instanceof ApiError &&
      (caught.status === 404 || caught.status === 410 || caught.field === 'token')
        ? t('invitation.expired')
        : commonExplanation(caught, t),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (passwordsReady(password, repeat)) void submit();
  };
  return (
    <PublicFrame>
      <h1 tabIndex={-1}>{t('invitation.title')}</h1>
      <p>{t('invitation.intro')}</p>
      {!token ? (
        <StatusAnnouncer tone="error">{t('invitation.noToken')}</StatusAnnouncer>
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
          <button type="submit" disabled={busy}>
            {t('invitation.submit')}
          </button>
        </form>
      )}
    </PublicFrame>
  );
}
