import type { DataSource } from 'typeorm';
import { StageRunner } from '../../src/cycles/stages/stage-runner';
import { scenario, type Scenario } from '../cycles/cycle-scenario';
import { Api } from '../support/api';
import { TestApp } from '../support/test-app';
import { vehicle } from '../support/rows';

export interface GroupAllocation {
  consumerGroupId: string;
  offerId: string;
  allocated: number;
}

export interface AllocatedCycle extends Scenario {
  /** allocated > 0 only */
  allocations: GroupAllocation[];
}

/**
 * The cycle scenario of test/cycles, run to `allocated` by calling the stages directly (no
 * clock, no worker: the app under test runs as the API role): o4's organic violation is waived
 * and both cooperatives confirm their whole demand, so two cooperatives have goods (o1 capped
 * at 50 by the export share, o2 and o4 in full) for both groups.
 */
export async function allocatedCycle(t: TestApp, api: Api, admin: string): Promise<AllocatedCycle> {
  const s = await scenario(api, admin, t.dataSource);
  const stages = t.app.get(StageRunner);
  expect(await stages.run(s.cycleId, 'open')).toBe('moved');
  expect(await stages.run(s.cycleId, 'locked')).toBe('moved');
  const cycle = (await api.as(admin).get('/cycles/{id}', { params: { id: s.cycleId } })).body;
  const violation = cycle.violations.find((v: { subject: string }) => v.subject === s.offers.o4)!;
  const waived = await api.as(admin).post('/cycles/{id}/violations/{violationId}/waive', {
    params: { id: s.cycleId, violationId: violation.id },
    body: { reason: 'seen on paper' },
  });
  expect(waived.status).toBe(200);
  for (const cooperativeId of s.r.cooperativeIds) {
    const demand = await api
      .as(admin)
      .get('/cycles/{id}/demand', { params: { id: s.cycleId }, query: { cooperativeId } });
    const lines = demand.body.map((d: { offerId: string; quantity: number }) => ({
      offerId: d.offerId,
      quantity: d.quantity,
    }));
    const reply = await api.as(admin).put('/cycles/{id}/confirmations/{cooperativeId}', {
      params: { id: s.cycleId, cooperativeId },
      body: { lines },
    });
    expect(reply.status).toBe(200);
  }
  expect(await stages.run(s.cycleId, 'confirming')).toBe('moved');
  const allocations: GroupAllocation[] = await t.dataSource.query(
    `SELECT consumer_group_id AS "consumerGroupId", offer_id AS "offerId", allocated::int AS allocated
       FROM group_allocations WHERE cycle_id = $1 AND allocated > 0 ORDER BY consumer_group_id, offer_id`,
    [s.cycleId],
  );
  return { ...s, allocations };
}

export const SHIPMENT_COSTS = [12_345, 6_791];

/**
 * What dispatch will write, by hand: two vehicles, one shipment each; shipment A carries every
 * line of the first group and every line of o1, shipment B the rest; then `dispatched`.
 */
export async function dispatch(ds: DataSource, s: AllocatedCycle): Promise<string[]> {
  const organiserId = s.r.transportOrganiserIds[0];
  const shipmentIds: string[] = [];
  for (const [index, cost] of SHIPMENT_COSTS.entries()) {
    const vehicleId = await vehicle(ds, organiserId, { name: `truck ${index}`, capacityKg: 20000 });
    const [shipment] = await ds.query(
      `INSERT INTO shipments (cycle_id, transport_organiser_id, vehicle_id, mode, net_kg, gross_kg, distance_km,
                              tonne_km, co2e_kg, cost_minor)
       VALUES ($1, $2, $3, 'road', 0, 0, 2900, 0, 0, $4) RETURNING id`,
      [s.cycleId, organiserId, vehicleId, cost],
    );
    shipmentIds.push(shipment.id);
  }
  await ds.query(
    `INSERT INTO shipment_lines (shipment_id, cycle_id, consumer_group_id, offer_id, cooperative_id, units, packages,
                                 net_kg, gross_kg)
     SELECT CASE WHEN l.consumer_group_id = $2 OR l.offer_id = $3 THEN $4::uuid ELSE $5::uuid END,
            l.cycle_id, l.consumer_group_id, l.offer_id, l.cooperative_id, l.units, l.packages, l.net_kg, l.gross_kg
       FROM loading_list_lines l WHERE l.cycle_id = $1`,
    [s.cycleId, s.r.groupIds[0], s.offers.o1, shipmentIds[0], shipmentIds[1]],
  );
  await ds.query(
    `UPDATE shipments sh SET net_kg = t.net, gross_kg = t.gross
       FROM (SELECT shipment_id, sum(net_kg) AS net, sum(gross_kg) AS gross FROM shipment_lines GROUP BY 1) t
      WHERE t.shipment_id = sh.id AND sh.cycle_id = $1`,
    [s.cycleId],
  );
  await ds.query(`UPDATE cycles SET status = 'dispatched', dispatched_at = now() WHERE id = $1`, [s.cycleId]);
  return shipmentIds;
}

/** The group's allocated lines as a full report. */
export function fullReport(s: AllocatedCycle, consumerGroupId: string) {
  return s.allocations
    .filter((a) => a.consumerGroupId === consumerGroupId)
    .map((a) => ({ offerId: a.offerId, quantity: a.allocated }));
}

export function allocationOf(s: AllocatedCycle, consumerGroupId: string, offerId: string): number {
  return (
    s.allocations.find((a) => a.consumerGroupId === consumerGroupId && a.offerId === offerId)?.allocated ?? 0
  );
}
