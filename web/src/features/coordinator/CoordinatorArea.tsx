import { useTranslation } from 'react-i18next';
import { matchPath, useLocation } from '../../app/router';
import { useSignedIn } from '../../app/session';
import { NotFound } from '../../ui/ReadFailed';
import { Commitments } from './Commitments';
import { Deliveries } from './Deliveries';
import { DistributionList } from './DistributionList';
import { GroupStatements } from './GroupStatements';
import { Members } from './Members';
import { PledgeOnBehalf } from './PledgeOnBehalf';

/** The coordinator's pages: the group's commitments, members, deliveries and statements. */
export default function CoordinatorArea() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const { pathname } = useLocation();
  const groupId = me.organisation?.type === 'consumer_group' ? me.organisation.id : null;
  if (!groupId) return <p>{t('group.noGroup')}</p>;
  const member = matchPath('/coordinator/members/:memberId', pathname);
  if (member) return <PledgeOnBehalf seasons={me.seasons} groupId={groupId} memberId={member.memberId} />;
  const delivery = matchPath('/coordinator/deliveries/:cycleId', pathname);
  if (delivery) return <DistributionList cycleId={delivery.cycleId} />;
  if (pathname === '/coordinator/members') return <Members groupId={groupId} />;
  if (pathname === '/coordinator/deliveries') return <Deliveries seasons={me.seasons} groupId={groupId} />;
  if (pathname === '/coordinator/statements')
    return <GroupStatements seasons={me.seasons} groupId={groupId} />;
  if (matchPath('/coordinator', pathname)) return <Commitments seasons={me.seasons} groupId={groupId} />;
  return <NotFound />;
}
