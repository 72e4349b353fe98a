import { StageRunner } from '../../src/cycles/stages/stage-runner';
import { allocatedCycle, type AllocatedCycle } from '../settlement/dispatched-cycle';
import { Api } from '../support/api';
import { TestApp } from '../support/test-app';
import { vehicle } from '../support/rows';

export const VAN_CAPACITY_KG = 30;

export interface VanCycle extends AllocatedCycle {
  /** What the van took, per group and offer. */
  shipped: { consumerGroupId: string; offerId: string; units: number }[];
  /** What no vehicle could take. */
  unplaced: { consumerGroupId: string; offerId: string }[];
}

/**
 * The allocated cycle of test/settlement (two groups, ~115 kg of goods), dispatched by the real
 * dispatch stage with a single van of 30 kg: some lines travel, the others are reported as
 * placed in no vehicle. `beforeDispatch` may rename things first (the manifest is built at
 * dispatch).
 */
export async function vanCycle(
  t: TestApp,
  api: Api,
  admin: string,
  beforeDispatch: (s: AllocatedCycle) => Promise<void> = async () => {},
): Promise<VanCycle> {
  const s = await allocatedCycle(t, api, admin);
  await vehicle(t.dataSource, s.r.transportOrganiserIds[0], {
    name: 'Van',
    capacityKg: VAN_CAPACITY_KG,
    costPerKmMinor: 100,
  });
  await beforeDispatch(s);
  expect(await t.app.get(StageRunner).run(s.cycleId, 'allocated')).toBe('moved');
  const shipped = await t.dataSource.query(
    `SELECT consumer_group_id AS "consumerGroupId", offer_id AS "offerId", units::int AS units
       FROM shipment_lines WHERE cycle_id = $1 ORDER BY 1, 2`,
    [s.cycleId],
  );
  const unplaced = await t.dataSource.query(
    `SELECT consumer_group_id AS "consumerGroupId", offer_id AS "offerId" FROM unplaced_goods WHERE cycle_id = $1`,
    [s.cycleId],
  );
  return { ...s, shipped, unplaced };
}
