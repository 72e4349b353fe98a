import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { CycleAccess } from '../cycles/cycle-access';
import type { StatementsDto } from './dto/statements.dto';
import { StatementsRepository, type StatementFilter } from './statements.repository';

/**
 * Who reads which statement lines: an admin all; a member its own line; a coordinator its
 * group's members; a cooperative its own line. Each sees no line of the other kind, and the
 * totals add up the lines shown.
 */
function filterFor(actor: Actor): StatementFilter {
  switch (actor.role) {
    case 'admin':
      return { members: 'all', cooperatives: 'all' };
    case 'member':
      return { members: { memberId: actor.memberId! }, cooperatives: null };
    case 'coordinator':
      return { members: { consumerGroupId: actor.consumerGroupId! }, cooperatives: null };
    case 'cooperative':
      return { members: null, cooperatives: { cooperativeId: actor.cooperativeId! } };
    default:
      return { members: null, cooperatives: null };
  }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

@Injectable()
export class StatementsService {
  constructor(
    private readonly access: CycleAccess,
    private readonly statements: StatementsRepository,
  ) {}

  async get(cycleId: string, actor: Actor): Promise<StatementsDto> {
    await this.access.visible(cycleId, actor, { status: 'settled', what: 'statements' });
    const filter = filterFor(actor);
    const members = await this.statements.members(cycleId, filter.members);
    const cooperatives = await this.statements.cooperatives(cycleId, filter.cooperatives);
    const figures = await this.statements.cycleFigures(cycleId);
    const transportMinor = sum(members.map((m) => m.transportMinor));
    const admin = actor.role === 'admin';
    return {
      cycleId,
      members,
      cooperatives,
      totals: {
        goodsMinor: sum(members.map((m) => m.goodsMinor)),
        transportMinor,
        totalMinor: sum(members.map((m) => m.totalMinor)),
        dueMinor: sum(cooperatives.map((c) => c.dueMinor)),
        dueProducerMinor: sum(cooperatives.map((c) => c.dueProducerMinor)),
        shipmentsCostMinor: admin ? figures.shipmentsCostMinor : null,
        unassignedTransportMinor: admin ? figures.shipmentsCostMinor - transportMinor : null,
        currency: figures.currency,
        producerCurrency: figures.producerCurrency,
      },
    };
  }
}
