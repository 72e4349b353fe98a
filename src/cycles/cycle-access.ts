import { NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { hasReached, type CycleStatus } from './cycle-status';
import type { CycleRow, CyclesRepository } from './cycles.repository';

/**
 * The cycle if the actor takes part in its season (404 otherwise, as for any other
 * organisation's record) and, when `reached` is given, only once the cycle has reached that
 * status: what a stage produces does not exist before it (422).
 */
export async function visibleCycle(
  cycles: CyclesRepository,
  cycleId: string,
  actor: Actor,
  reached?: { status: CycleStatus; what: string },
): Promise<CycleRow> {
  const cycle = await cycles.findVisible(cycleId, actor);
  if (!cycle) throw new NotFoundException('cycle not found');
  if (reached && !hasReached(cycle.status, reached.status)) {
    throw new UnprocessableEntityException(
      `${reached.what} exist once the cycle is ${reached.status}; it is ${cycle.status}`,
    );
  }
  return cycle;
}
