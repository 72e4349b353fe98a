import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, data } from '../../api/client';
import { useSignedIn } from '../../app/session';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { NewPasswordFields, passwordsReady } from './NewPasswordFields';
import { commonExplanation, useSubmit } from './useForm';

function ChangePassword() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const { submit, error, busy } = useSubmit(
    async () => {
      setDone(false);
      await data(api.PUT('/me/password', { body: { currentPassword: current, newPassword: password } }));
      setCurrent('');
      setPassword('');
      setRepeat('');
      setDone(true);
    },
    (caught) =>
      caught instanceof ApiError &&
      (caught.status === 401 || caught.status === 403 || caught.field === 'currentPassword')
        ? t('account.wrongCurrent')
        : commonExplanation(caught, t, { currentPassword: '', newPassword: '' }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (passwordsReady(password, repeat)) void submit();
  };
  const onCurrent =
    error && (error.field === 'currentPassword' || error.message === t('account.wrongCurrent'));
  const onNew = error?.field === 'newPassword';
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('account.passwordTitle')}</h2>
      <form onSubmit={onSubmit}>
        <Field
          label={t('fields.currentPassword')}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          error={onCurrent ? error.message : null}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          error={onNew ? error.message : null}
        />
        <StatusAnnouncer tone={error && !onCurrent && !onNew ? 'error' : done ? 'done' : undefined}>
          {error && !onCurrent && !onNew ? error.message : done ? t('account.passwordChanged') : null}
        </StatusAnnouncer>
        <button type="submit" disabled={busy}>
          {t('account.passwordSubmit')}
        </button>
      </form>
    </section>
  );
}

/**
 * The e-mails the user's role is sent (GET /me lists them), each one switched on or off and
 * saved together; a transporter or an admin, sent none, sees nothing here.
 */
function EmailChoices() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const saved = useSignedIn().user.notifications ?? {};
  const kinds = Object.keys(saved) as (keyof typeof saved)[];
  const [chosen, setChosen] = useState(saved);
  const [done, setDone] = useState(false);
  const { submit, error, busy } = useSubmit(
    async () => {
      setDone(false);
      await data(api.PATCH('/me', { body: { notifications: chosen } }));
      await client.invalidateQueries({ queryKey: ['me'] });
      setDone(true);
    },
    (caught) => commonExplanation(caught, t),
  );
  if (kinds.length === 0) return null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  return (
    <section aria-labelledby="emails-title">
      <h2 id="emails-title">{t('emails.title')}</h2>
      <form onSubmit={onSubmit}>
        <fieldset>
          <legend>{t('emails.legend')}</legend>
          {kinds.map((kind) => (
            <div key={kind} className="field checkbox">
              <input
                type="checkbox"
                id={`email-${kind}`}
                checked={chosen[kind] ?? true}
                onChange={(event) => {
                  setDone(false);
                  setChosen({ ...chosen, [kind]: event.target.checked });
                }}
              />
              <label htmlFor={`email-${kind}`}>{t(`emails.kinds.${kind}`)}</label>
            </div>
          ))}
        </fieldset>
        <StatusAnnouncer tone={error ? 'error' : done ? 'done' : undefined}>
          {error ? error.message : done ? t('emails.saved') : null}
        </StatusAnnouncer>
        <button type="submit" disabled={busy}>
          {t('emails.save')}
        </button>
      </form>
    </section>
  );
}

/** The account: who is signed in, the calendar feed, the e-mails received, a new password. Language and sign-out are in the header. */
export default function AccountPage() {
  const { t } = useTranslation();
  const me = useSignedIn();
  return (
    <>
      <h1 tabIndex={-1}>{t('account.title')}</h1>
      <dl className="facts">
        <dt>{t('fields.email')}</dt>
        <dd>
          <bdi dir="ltr">{me.user.email}</bdi>
        </dd>
        <dt>{t('account.role')}</dt>
        <dd>{t(`roles.${me.user.role}`)}</dd>
        {me.organisation && (
          <>
            <dt>{t('account.organisation')}</dt>
            <dd>{me.organisation.name}</dd>
          </>
        )}
      </dl>
      {me.calendarUrl && (
        <section aria-labelledby="calendar-title">
          <h2 id="calendar-title">{t('calendar.title')}</h2>
          <p>{t('calendar.intro')}</p>
          <p>
            <a href={me.calendarUrl} className="button-link">
              <Icon name="calendar" /> {t('calendar.link')}
            </a>
          </p>
        </section>
      )}
      <EmailChoices />
      <ChangePassword />
    </>
  );
}
