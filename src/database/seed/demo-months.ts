import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvitationsService } from '../../accounts/invitations.service';
import type { Actor, Role } from '../../common/auth/actor';
import { CyclesService } from '../../cycles/cycles.service';
import { StageRunner } from '../../cycles/stages/stage-runner';
import { hasReached, type CycleStatus } from '../../seasons/domain/cycle-status';
import { ReceiptsService } from '../../settlement/receipts.service';
import type { DemoRegistry } from './demo-registry';
import type { DemoSeason } from './seed-season';

/**
 * The demo's months, played by the real stages and services as the cycle would go by itself,
 * so that every screen has something to show:
 * - the first month **settled**: locked, Tighanimine confirming 5 bottles of argan oil less than
 *   the demand (a shortfall shared among the groups and members) while Zitoun Ourika does not
 *   confirm and is held to its delivery pledges, allocated, dispatched (a shipment and its
 *   manifest), received (the AMAP one jar of saffron short), settled (statements);
 * - the second month **confirming**: Tighanimine has confirmed, Zitoun Ourika has still to;
 * - two members invited by their coordinators and not yet accepted.
 * The months after stay open. A stage the clock of a worker in the same process ran first is
 * waited for, not run twice (stages are idempotent).
 */
export async function playDemoMonths(
  app: INestApplicationContext,
  ids: DemoRegistry,
  season: DemoSeason,
): Promise<void> {
  const dataSource = app.get(DataSource);
  const actors = await demoActors(dataSource);
  const [first, second] = season.cycleIds;

  await runTo(app, first, 'confirming');
  await confirm(app, first, ids.cooperatives.tighanimine, actors.tighanimine, -5);
  await runTo(app, first, 'dispatched');
  const [{ status: firstStatus }] = await dataSource.query(`SELECT status FROM cycles WHERE id = $1`, [
    first,
  ]);
  for (const [groupId, coordinator, short] of [
    [ids.consumerGroups.gasap, actors.gasap, null],
    [ids.consumerGroups.amap, actors.amap, season.offers.saffron],
  ] as const) {
    if (firstStatus !== 'dispatched' || (await received(dataSource, first, groupId))) continue;
    const receipt = await app.get(ReceiptsService).get(first, groupId, coordinator);
    const lines = receipt.lines.map((line) => ({
      offerId: line.offerId,
      quantity: line.offerId === short ? Math.max(0, line.shipped - 1) : line.shipped,
    }));
    await app.get(ReceiptsService).record(first, groupId, { lines }, coordinator);
  }
  await runTo(app, first, 'settled');
  await dataSource.query(`UPDATE cycles SET locks_at = $2, confirm_by = $3 WHERE id = $1`, [
    first,
    season.firstMonthDates.locksAt.toISOString(),
    season.firstMonthDates.confirmBy.toISOString(),
  ]);

  await runTo(app, second, 'confirming');
  await confirm(app, second, ids.cooperatives.tighanimine, actors.tighanimine, 0);

  const invitations = app.get(InvitationsService);
  for (const [email, memberId, locale, coordinator] of [
    ['karim.elamrani@proxima.demo', ids.members.gasap[1], 'fr', actors.gasap],
    ['pieter.vermeulen@proxima.demo', ids.members.amap[3], 'nl', actors.amap],
  ] as const) {
    if (await invited(dataSource, email)) continue;
    await invitations.invite({ email, role: 'member', memberId, locale }, coordinator);
  }
}

// What a start stopped half-way through the months had already done (played again, skipped).

async function received(dataSource: DataSource, cycleId: string, groupId: string): Promise<boolean> {
  const [{ done }] = await dataSource.query(
    `SELECT EXISTS (SELECT 1 FROM group_receipts WHERE cycle_id = $1 AND consumer_group_id = $2) AS done`,
    [cycleId, groupId],
  );
  return done;
}

async function invited(dataSource: DataSource, email: string): Promise<boolean> {
  const [{ done }] = await dataSource.query(
    `SELECT EXISTS (SELECT 1 FROM invitations WHERE lower(email) = lower($1)) AS done`,
    [email],
  );
  return done;
}

/** The cooperative confirms its whole demand, `adjust` units changed on its first offer. */
async function confirm(
  app: INestApplicationContext,
  cycleId: string,
  cooperativeId: string,
  actor: Actor,
  adjust: number,
): Promise<void> {
  const [{ status, confirmed }] = await app.get(DataSource).query(
    `SELECT c.status, EXISTS (SELECT 1 FROM cooperative_confirmations k WHERE k.cycle_id = c.id
                                 AND k.cooperative_id = $2 AND k.confirmed_at IS NOT NULL) AS confirmed
       FROM cycles c WHERE c.id = $1`,
    [cycleId, cooperativeId],
  );
  if (status !== 'confirming' || confirmed) return; // played already by a start that stopped
  const cycles = app.get(CyclesService);
  const demand = await cycles.demand(cycleId, actor, cooperativeId);
  const lines = demand.map((line, index) => ({
    offerId: line.offerId,
    quantity: Math.max(0, line.quantity + (index === 0 ? adjust : 0)),
  }));
  await cycles.confirm(cycleId, cooperativeId, { lines }, actor);
}

const WAIT_MS = 100;
const PATIENCE = 600; // a minute: a stage another process runs is done well before

/** Runs the cycle's stages one by one until it has reached `target`. */
async function runTo(app: INestApplicationContext, cycleId: string, target: CycleStatus): Promise<void> {
  const dataSource = app.get(DataSource);
  const runner = app.get(StageRunner);
  for (let waited = 0; ;) {
    const [{ status }] = await dataSource.query(`SELECT status FROM cycles WHERE id = $1`, [cycleId]);
    if (hasReached(status, target)) return;
    if ((await runner.run(cycleId, status)) === 'moved') continue;
    // Another process (a worker's clock) holds this stage: its commit moves the status.
    if (++waited > PATIENCE) throw new Error(`demo: cycle ${cycleId} stays ${status}`);
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
  }
}

interface DemoActors {
  gasap: Actor;
  amap: Actor;
  tighanimine: Actor;
}

/** The demo users the months are played as (their real accounts: the audit log names them). */
async function demoActors(dataSource: DataSource): Promise<DemoActors> {
  const rows: (Actor & { email: string })[] = await dataSource.query(
    `SELECT id AS "userId", email, role, consumer_group_id AS "consumerGroupId", member_id AS "memberId",
            cooperative_id AS "cooperativeId", transport_organiser_id AS "transportOrganiserId"
       FROM users WHERE email = ANY($1::text[])`,
    [['coordinator.gasap@proxima.demo', 'coordinator.amap@proxima.demo', 'tighanimine@proxima.demo']],
  );
  const actor = (email: string, role: Role): Actor => {
    const row = rows.find((r) => r.email === email && r.role === role);
    if (!row) throw new Error(`demo: no ${role} user ${email}`);
    const { email: _email, ...rest } = row;
    return rest;
  };
  return {
    gasap: actor('coordinator.gasap@proxima.demo', 'coordinator'),
    amap: actor('coordinator.amap@proxima.demo', 'coordinator'),
    tighanimine: actor('tighanimine@proxima.demo', 'cooperative'),
  };
}
