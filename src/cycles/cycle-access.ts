import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { SeasonAccess } from '../seasons/season-access';
import { hasReached, type CycleStatus } from '../seasons/domain/cycle-status';
import { CyclesRepository, type CycleRow } from './cycles.repository';

const NIL_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Who may see a cycle: whoever may read its season (SeasonAccess: an admin, the groups
 * enrolled, the cooperatives with an offer, the organisers that carry for it), and nobody
 * else (404, as for any other organisation's record).
 */
@Injectable()
export class CycleAccess {
  constructor(
    private readonly cycles: CyclesRepository,
    private readonly seasons: SeasonAccess,
  ) {}

  /**
   * The cycle if the actor may see it and, when `reached` is given, only once the cycle has
   * reached that status: what a stage produces does not exist before it (422).
   */
  async visible(
    cycleId: string,
    actor: Actor,
    reached?: { status: CycleStatus; what: string },
  ): Promise<CycleRow> {
    const cycle = await this.cycles.findById(cycleId);
    // The season's reach is asked even for a cycle that does not exist (of the nil id, which
    // names no season), so that another's cycle and a random id cost the same two queries.
    const readable = await this.seasons.canRead(actor, cycle?.seasonId ?? NIL_ID);
    if (!cycle || !readable) throw new NotFoundException('cycle not found');
    if (reached && !hasReached(cycle.status, reached.status)) {
      throw new UnprocessableEntityException(
        `${reached.what} exist once the cycle is ${reached.status}; it is ${cycle.status}`,
      );
    }
    return cycle;
  }
}
