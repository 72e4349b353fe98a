import { useTranslation } from 'react-i18next';

export default function MemberArea() {
  const { t } = useTranslation();
  return <h1 tabIndex={-1}>{t('nav.pledges')}</h1>;
}
