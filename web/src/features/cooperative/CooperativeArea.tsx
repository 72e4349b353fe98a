import '../cycle/operations.css';
import { matchPath, useLocation } from '../../app/router';
import { NotFound } from '../../ui/ReadFailed';
import ConfirmDemand from './ConfirmDemand';
import CooperativeHome from './CooperativeHome';
import LoadingList from './LoadingList';
import SeasonPlan from './SeasonPlan';
import WhatIsDue from './WhatIsDue';

/** The cooperative's pages: its seasons, the plan, the confirmation, the loading list, its due. */
export default function CooperativeArea() {
  const { pathname } = useLocation();
  const plan = matchPath('/cooperative/seasons/:seasonId', pathname);
  if (plan) return <SeasonPlan seasonId={plan.seasonId} />;
  const cycle = matchPath('/cooperative/cycles/:cycleId/:page', pathname);
  if (cycle?.page === 'confirm') return <ConfirmDemand cycleId={cycle.cycleId} />;
  if (cycle?.page === 'loading-list') return <LoadingList cycleId={cycle.cycleId} />;
  if (cycle?.page === 'due') return <WhatIsDue cycleId={cycle.cycleId} />;
  if (matchPath('/cooperative', pathname)) return <CooperativeHome />;
  return <NotFound />;
}
