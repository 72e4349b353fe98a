import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { packagesSql } from './packages.sql';

interface DemandLine {
  productName: string;
  unit: string;
  quantity: number;
  packages: number;
}

interface CooperativeDemand {
  cooperativeId: string;
  name: string;
  contactEmail: string;
  seasonName: string;
  month: string;
  confirmBy: Date;
  lines: DemandLine[];
}

export interface ConfirmationRequest {
  dedupeKey: string;
  channel: 'email';
  cycleId: string;
  recipientType: 'cooperative';
  recipientId: string;
  target: string;
  payload: { subject: string; text: string };
}

export function confirmationRequestText(cycleId: string, demand: CooperativeDemand): string {
  const lines = demand.lines.map(
    (line) => `  - ${line.productName}: ${line.quantity} × ${line.unit} (${line.packages} packages)`,
  );
  return [
    `Hello ${demand.name},`,
    '',
    `The consumer groups of "${demand.seasonName}" have committed for ${demand.month}:`,
    ...lines,
    '',
    `Please confirm what you will deliver (at most these quantities) by ${demand.confirmBy.toISOString()}:`,
    `PUT /api/v1/cycles/${cycleId}/confirmations/${demand.cooperativeId}`,
    'Without a confirmation you are held to your delivery pledge for the month.',
  ].join('\n');
}

/** The mail each cooperative gets when a cycle opens for confirmations. */
@Injectable()
export class ConfirmationRequests {
  async build(m: EntityManager, cycleId: string): Promise<ConfirmationRequest[]> {
    const demands: CooperativeDemand[] = await m.query(
      `SELECT k.id AS "cooperativeId", k.name, k.contact_email AS "contactEmail", s.name AS "seasonName",
              c.month, c.confirm_by AS "confirmBy",
              json_agg(json_build_object(
                'productName', p.name, 'unit', p.unit, 'quantity', co.demand,
                'packages', (SELECT coalesce(sum(${packagesSql('cc.quantity', 'o.pack_size')}), 0)::bigint
                               FROM collective_commitments cc WHERE cc.cycle_id = co.cycle_id AND cc.offer_id = co.offer_id)
              ) ORDER BY p.name) AS lines
         FROM cycle_offers co
         JOIN cycles c ON c.id = co.cycle_id
         JOIN seasons s ON s.id = c.season_id
         JOIN offers o ON o.id = co.offer_id
         JOIN products p ON p.id = o.product_id
         JOIN cooperatives k ON k.id = co.cooperative_id
        WHERE co.cycle_id = $1 AND co.demand > 0
        GROUP BY k.id, s.name, c.month, c.confirm_by`,
      [cycleId],
    );
    return demands.map((demand) => ({
      dedupeKey: `confirmation-request-${cycleId}-${demand.cooperativeId}`,
      channel: 'email',
      cycleId,
      recipientType: 'cooperative',
      recipientId: demand.cooperativeId,
      target: demand.contactEmail,
      payload: {
        subject: `Proxima: please confirm the ${demand.month} demand of ${demand.seasonName}`,
        text: confirmationRequestText(cycleId, { ...demand, confirmBy: new Date(demand.confirmBy) }),
      },
    }));
  }
}
