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
 * The single ownership rule: an admin reaches everything; a coordinator the records of its
 * group (its members included); a member its own member records; a cooperative and a
 * transporter their own organisation's records.
 */
export function canReach(actor: Actor, owners: Owners): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'coordinator':
      return !!owners.consumerGroupId && owners.consumerGroupId === actor.consumerGroupId;
    case 'member':
      return !!owners.memberId && owners.memberId === actor.memberId;
    case 'cooperative':
      return !!owners.cooperativeId && owners.cooperativeId === actor.cooperativeId;
    case 'transporter':
      return !!owners.transportOrganiserId && owners.transportOrganiserId === actor.transportOrganiserId;
  }
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
