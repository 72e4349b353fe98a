import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { Link } from '../../app/router';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { PasswordFromLink } from './PasswordFromLink';

/** The page a reset mail links to: a new password, then in (the server may open a session) or sign in. */
export default function PasswordResetConfirm() {
  const { t } = useTranslation();
  return (
    <PasswordFromLink
      title={t('reset.confirmTitle')}
      submitLabel={t('reset.confirmSubmit')}
      expired={t('reset.expired')}
      send={(body) => data(api.POST('/auth/password-reset/confirm', { body }))}
      signedOut={
        <>
          <StatusAnnouncer tone="done">{t('reset.done')}</StatusAnnouncer>
          <p>
            <Link to="/sign-in">{t('reset.signIn')}</Link>
          </p>
        </>
      }
    />
  );
}
