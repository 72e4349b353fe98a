import { NotFoundException } from '@nestjs/common';
import type { Actor } from './actor';

/** The organisations a record belongs to; a field left out means "not owned that way". */
export interface Owners {
  consumerGroupId?: string | null;
  memberId?: string | null;
  cooperativeId?: string | null;
  transportOrganiserId?: string | null;
}

/**
 * What an actor reaches, as values a record's owners are compared with: a record is within
 * reach when `all` is set, or when one of its owners equals the value given here for that kind
 * of owner (null matches nothing). Queries that must decide reach inside the database (the
 * pledge PUT's single round trip) take these values, so SQL and canReach apply one rule.
 */
export interface Reach {
  all: boolean;
  consumerGroupId: string | null;
  memberId: string | null;
  cooperativeId: string | null;
  transportOrganiserId: string | null;
}

/** Reaching nothing: what reachOf starts from for every role. */
export const NO_REACH: Readonly<Reach> = Object.freeze({
  all: false,
  consumerGroupId: null,
  memberId: null,
  cooperativeId: null,
  transportOrganiserId: null,
});

/**
 * The single ownership rule: an admin reaches everything; a coordinator the records of its
 * group (its members included); a member its own member records; a cooperative and a
 * transporter their own organisation's records.
 */
export function reachOf(actor: Actor): Reach {
  switch (actor.role) {
    case 'admin':
      return { ...NO_REACH, all: true };
    case 'coordinator':
      return { ...NO_REACH, consumerGroupId: actor.consumerGroupId };
    case 'member':
      return { ...NO_REACH, memberId: actor.memberId };
    case 'cooperative':
      return { ...NO_REACH, cooperativeId: actor.cooperativeId };
    case 'transporter':
      return { ...NO_REACH, transportOrganiserId: actor.transportOrganiserId };
  }
}

const same = (owner: string | null | undefined, reached: string | null) => !!owner && owner === reached;

/** Whether a record with these owners is within the actor's reach (reachOf). */
export function canReach(actor: Actor, owners: Owners): boolean {
  const reach = reachOf(actor);
  return (
    reach.all ||
    same(owners.consumerGroupId, reach.consumerGroupId) ||
    same(owners.memberId, reach.memberId) ||
    same(owners.cooperativeId, reach.cooperativeId) ||
    same(owners.transportOrganiserId, reach.transportOrganiserId)
  );
}

/**
 * Throws 404, never 403, for another organisation's record, so that ids of other
 * organisations cannot even be confirmed to exist.
 */
export function assertReach(actor: Actor, owners: Owners | null | undefined, what: string): void {
  if (!owners || !canReach(actor, owners)) throw new NotFoundException(`${what} not found`);
}

/**
 * The organisation a list is narrowed to for this actor, `undefined` for an admin (no
 * narrowing). Repositories turn it into a WHERE clause.
 */
export function ownedScope(actor: Actor): Owners | undefined {
  switch (actor.role) {
    case 'admin':
      return undefined;
    case 'coordinator':
      return { consumerGroupId: actor.consumerGroupId };
    case 'member':
      return { consumerGroupId: actor.consumerGroupId, memberId: actor.memberId };
    case 'cooperative':
      return { cooperativeId: actor.cooperativeId };
    case 'transporter':
      return { transportOrganiserId: actor.transportOrganiserId };
  }
}
