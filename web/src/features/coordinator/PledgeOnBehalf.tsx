import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { isolate } from '../../ui/format';
import { NotFound } from '../../ui/ReadFailed';
import { SeasonPledges } from '../member/PledgePage';
import { SeasonPicker, type Season } from '../member/SeasonPicker';
import { groupData } from './group-data';

/** A member's pledges, changed by the coordinator on the member's behalf (same forms, same rules). */
export function PledgeOnBehalf({
  seasons,
  groupId,
  memberId,
}: {
  seasons: Season[];
  groupId: string;
  memberId: string;
}) {
  const { t } = useTranslation();
  const members = useQuery(groupData.members(groupId));
  const member = members.data?.find((one) => one.id === memberId);
  const [seasonId, setSeasonId] = useState(seasons[0]?.id ?? '');
  const season = seasons.find((one) => one.id === seasonId) ?? seasons[0];
  // Not a member of the group (another group's, or a mistyped link): nothing to pledge for.
  if (members.data && !member) return <NotFound />;
  return (
    <>
      <p>
        <Link to="/coordinator/members">{t('members.back')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('members.onBehalf', { name: isolate(member?.name ?? '…') })}</h1>
      {season && <SeasonPicker seasons={seasons} value={season.id} onChange={setSeasonId} />}
      {season ? <SeasonPledges season={season} memberId={memberId} /> : <p>{t('seasons.none')}</p>}
    </>
  );
}
