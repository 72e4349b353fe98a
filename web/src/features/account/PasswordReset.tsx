import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { PublicFrame } from '../../app/Layout';
import { Link } from '../../app/router';
import { Field } from '../../ui/Field';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { commonExplanation, useSubmit } from './useForm';

/** A forgotten password: a link by mail. The answer is the same whether the address has an account. */
export default function PasswordReset() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { submit, error, busy } = useSubmit(
    async () => {
      await data(api.POST('/auth/password-reset', { body: { email } }));
      setSent(true);
    },
    (caught) => commonExplanation(caught, t, { email: t('fields.email') }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  return (
    <PublicFrame>
      <h1 tabIndex={-1}>{t('reset.title')}</h1>
      <p>{t('reset.intro')}</p>
      <form onSubmit={onSubmit}>
        <Field
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <StatusAnnouncer tone={error ? 'error' : sent ? 'done' : undefined}>
          {error ? error.message : sent ? t('reset.sent') : null}
        </StatusAnnouncer>
        <button type="submit" disabled={busy}>
          {t('reset.submit')}
        </button>
      </form>
      <p>
        <Link to="/sign-in">{t('reset.back')}</Link>
      </p>
    </PublicFrame>
  );
}
