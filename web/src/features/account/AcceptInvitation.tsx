import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { PasswordFromLink } from './PasswordFromLink';

/** The page an invitation mail links to: choose a password, and the account is ready. */
export default function AcceptInvitation() {
  const { t } = useTranslation();
  return (
    <PasswordFromLink
      title={t('invitation.title')}
      intro={t('invitation.intro')}
      submitLabel={t('invitation.submit')}
      expired={t('invitation.expired')}
      withoutToken={t('invitation.noToken')}
      send={(body) => data(api.POST('/auth/invitations/accept', { body }))}
    />
  );
}
