import type { Actor } from '../common/auth/actor';

/**
 * The organisations an actor takes part in seasons through, as the parameters $1..$4 of
 * SEASON_REACHED_SQL: the same rule as SeasonAccess (a coordinator's or member's group
 * enrolled, a cooperative with an offer, a transport organiser carrying for the season; an
 * admin takes part in all), for queries that list seasons rather than check one.
 */
export function seasonReach(actor: Actor): [boolean, string | null, string | null, string | null] {
  const group = actor.role === 'coordinator' || actor.role === 'member' ? actor.consumerGroupId : null;
  const cooperative = actor.role === 'cooperative' ? actor.cooperativeId : null;
  const organiser = actor.role === 'transporter' ? actor.transportOrganiserId : null;
  return [actor.role === 'admin', group, cooperative, organiser];
}

/** `s` is a season the organisations of $1..$4 (seasonReach) take part in. */
export const SEASON_REACHED_SQL = `
  ($1::boolean
   OR EXISTS (SELECT 1 FROM season_groups sg WHERE sg.season_id = s.id AND sg.consumer_group_id = $2::uuid)
   OR EXISTS (SELECT 1 FROM offers o WHERE o.season_id = s.id AND o.cooperative_id = $3::uuid)
   OR EXISTS (SELECT 1 FROM season_transport_organisers t
              WHERE t.season_id = s.id AND t.transport_organiser_id = $4::uuid))`;
