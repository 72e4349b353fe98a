import { useTranslation } from 'react-i18next';
import { matchPath, useLocation } from '../../app/router';
import { useSignedIn } from '../../app/session';
import { NotFound } from '../../ui/ReadFailed';
import { PastMonths } from './PastMonths';
import { PledgePage } from './PledgePage';
import { MemberStatements } from './MemberStatements';

/** The member's pages: pledges, past months, statements. */
export default function MemberArea() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const { pathname } = useLocation();
  const memberId = me.user.memberId;
  if (!memberId) return <p>{t('member.noRecord')}</p>;
  if (pathname === '/member/history') return <PastMonths seasons={me.seasons} memberId={memberId} />;
  if (pathname === '/member/statements') return <MemberStatements seasons={me.seasons} memberId={memberId} />;
  if (matchPath('/member', pathname))
    return <PledgePage seasons={me.seasons} memberId={memberId} calendarUrl={me.calendarUrl} />;
  return <NotFound />;
}
