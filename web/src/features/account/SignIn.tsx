import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, data } from '../../api/client';
import { PublicFrame } from '../../app/Layout';
import { homeOf } from '../../app/routes';
import { Link, navigate, useLocation } from '../../app/router';
import { afterSignIn } from '../../app/session';
import { Field } from '../../ui/Field';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { commonExplanation, useSubmit } from './useForm';

/** Only a path of this application: a `next` cannot send a person to another site. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export default function SignIn() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { submit, error, busy } = useSubmit(
    async () => {
      await data(api.POST('/auth/login', { body: { email, password } }));
      const me = await afterSignIn();
      navigate(safeNext(search.get('next')) ?? homeOf(me?.user.role ?? ''), { replace: true });
    },
    (caught) =>
      caught instanceof ApiError && caught.status === 401
        ? t('signIn.wrong')
        : commonExplanation(caught, t, { email: t('fields.email'), password: t('fields.password') }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  return (
    <PublicFrame>
      <h1 tabIndex={-1}>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={onSubmit} noValidate={false}>
        <Field
          label={t('fields.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <Field
          label={t('fields.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <StatusAnnouncer tone={error ? 'error' : busy ? 'info' : undefined}>
          {error?.message ?? (busy ? t('signIn.busy') : null)}
        </StatusAnnouncer>
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link to="/password-reset">{t('signIn.forgot')}</Link>
      </p>
    </PublicFrame>
  );
}
