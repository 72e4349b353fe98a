import type { INestApplicationContext } from '@nestjs/common';
import { JobName, QueueName } from '../../src/queue/jobs';
import { QueueService } from '../../src/queue/queue.service';
import { startSmtpServer } from '../notifications/support';
import { isolatedDatabase, startWorker } from '../support/isolated-database';
import { Api } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import { allocationDigest, invariantBreaches } from './cycle-invariants';
import { scenario, waitForStatus, type Scenario } from './cycle-scenario';
import { sleep, until } from '../support/wait';

describe('the monthly cycle through the queues', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_cycle');
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await db.drop();
  });

  describe('one process (APP_ROLE=all)', () => {
    let t: TestApp;
    let api: Api;
    let admin: string;
    let s: Scenario;

    beforeAll(async () => {
      t = await startTestApp({
        databaseUrl: db.url,
        queuePrefix: db.queuePrefix,
        role: 'all',
        clockIntervalMs: 1000,
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      });
      api = new Api(t.app);
      admin = await adminToken(api, t.dataSource);
      s = await scenario(api, admin, t.dataSource);
    });
    afterAll(() => t.close());

    it('takes no confirmation while the cycle is open', async () => {
      const coop = await userToken(api, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[0] });
      const reply = await api.as(coop).put('/cycles/{id}/confirmations/{cooperativeId}', {
        params: { id: s.cycleId, cooperativeId: s.r.cooperativeIds[0] },
        body: {
          lines: [{ offerId: s.offers.o1, quantity: 1 }],
        },
      });
      expect(reply.status).toBe(422);
    });

    it('locks on demand: commitments frozen, charter checked, cooperatives mailed', async () => {
      const advanced = await api.as(admin).post('/cycles/{id}/advance', { params: { id: s.cycleId } });
      expect(advanced.status).toBe(202);
      expect(advanced.body.fromStatus).toBe('open');
      const cycle = await waitForStatus(api, admin, s.cycleId, 'confirming');
      expect(cycle.charterVersion).toBe(2);
      const found = cycle.violations.map((v: { rule: string; subject: string }) => `${v.rule}:${v.subject}`);
      expect(found).toEqual(
        expect.arrayContaining([
          `EXPORT_SHARE:${s.offers.o1}`,
          `ORGANIC_CERTIFICATE:${s.offers.o3}`,
          `ORGANIC_CERTIFICATE:${s.offers.o4}`,
        ]),
      );
      expect(cycle.violations.find((v: { rule: string }) => v.rule === 'EXPORT_SHARE')!.capUnits).toBe(50);
      // Each violation carries the values of its sentence, for a client to say it in its language.
      const [names] = await t.dataSource.query(
        `SELECT p.name AS product, c.name AS cooperative, c2.name AS "uncertified"
           FROM offers o JOIN products p ON p.id = o.product_id JOIN cooperatives c ON c.id = o.cooperative_id,
                cooperatives c2
          WHERE o.id = $1 AND c2.id = $2`,
        [s.offers.o1, s.r.cooperativeIds[1]],
      );
      const facts = (rule: string, subject: string) =>
        cycle.violations.find(
          (v: { rule: string; subject: string }) => v.rule === rule && v.subject === subject,
        )!.facts;
      expect(facts('EXPORT_SHARE', s.offers.o1)).toEqual({
        offerId: s.offers.o1,
        product: names.product,
        cooperativeId: s.r.cooperativeIds[0],
        cooperative: names.cooperative,
        demand: s.demand.o1,
        share: 0.5,
        capacity: 100,
        capUnits: 50,
      });
      expect(facts('ORGANIC_CERTIFICATE', s.offers.o3)).toMatchObject({
        offerId: s.offers.o3,
        product: names.product,
        cooperativeId: s.r.cooperativeIds[1],
        cooperative: names.uncertified,
        loadingDate: cycle.loadingDate,
        certificates: 0,
      });
      // Pledges are frozen from lock on.
      const late = await api.as(admin).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
        params: { id: s.seasonId, memberId: s.r.membersByGroup[0][0], month: s.month },
        body: {
          lines: [{ offerId: s.offers.o1, quantity: 1 }],
        },
      });
      expect(late.status).toBe(422);
      const [{ count }] = await t.dataSource.query(
        'SELECT count(*)::int FROM collective_commitments WHERE cycle_id = $1',
        [s.cycleId],
      );
      expect(count).toBe(8); // 2 groups × 4 offers
      // From lock on, commitments are the frozen ones, whatever happens to pledge rows.
      const frozen = (
        await api
          .as(admin)
          .get('/seasons/{id}/commitments', { params: { id: s.seasonId }, query: { month: s.month } })
      ).body;
      expect(
        frozen.reduce(
          (sum: number, c: { offerId: string; quantity: number }) =>
            sum + (c.offerId === s.offers.o1 ? c.quantity : 0),
          0,
        ),
      ).toBe(s.demand.o1);
      await t.dataSource.query('UPDATE member_pledges SET quantity = quantity + 100 WHERE cycle_id = $1', [
        s.cycleId,
      ]);
      expect(
        (
          await api
            .as(admin)
            .get('/seasons/{id}/commitments', { params: { id: s.seasonId }, query: { month: s.month } })
        ).body,
      ).toEqual(frozen);
      await t.dataSource.query('UPDATE member_pledges SET quantity = quantity - 100 WHERE cycle_id = $1', [
        s.cycleId,
      ]);
      const mails = await until('two confirmation requests', 20_000, async () =>
        smtp.mails.length >= 2 ? smtp.mails : undefined,
      );
      const [coop0Email] = await t.dataSource.query('SELECT contact_email FROM cooperatives WHERE id = $1', [
        s.r.cooperativeIds[0],
      ]);
      const mail = mails.find((m) => m.to.includes(coop0Email.contact_email));
      expect(mail?.raw).toContain(`confirmations/${s.r.cooperativeIds[0]}`);
    });

    it('lets an admin waive a violation, once, and audits it', async () => {
      const cycle = (await api.as(admin).get('/cycles/{id}', { params: { id: s.cycleId } })).body;
      const violation = cycle.violations.find((v: { subject: string }) => v.subject === s.offers.o4)!;
      expect(
        (
          await api.as(admin).post('/cycles/{id}/violations/{violationId}/waive', {
            params: { id: s.cycleId, violationId: violation.id },
          })
        ).status,
      ).toBe(400);
      const waived = await api.as(admin).post('/cycles/{id}/violations/{violationId}/waive', {
        params: { id: s.cycleId, violationId: violation.id },
        body: { reason: 'certificate renewal seen on paper' },
      });
      expect(waived.status).toBe(200);
      expect(waived.body).toMatchObject({
        id: violation.id,
        waived: true,
        waiveReason: 'certificate renewal seen on paper',
      });
      expect(
        (
          await api.as(admin).post('/cycles/{id}/violations/{violationId}/waive', {
            params: { id: s.cycleId, violationId: violation.id },
            body: { reason: 'again' },
          })
        ).status,
      ).toBe(409);
      const coop = await userToken(api, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[1] });
      expect(
        (
          await api.as(coop).post('/cycles/{id}/violations/{violationId}/waive', {
            params: { id: s.cycleId, violationId: violation.id },
            body: { reason: 'mine' },
          })
        ).status,
      ).toBe(403);
      const audit = await api
        .as(admin)
        .get('/audit-log', { query: { subjectType: 'cycle', subjectId: s.cycleId } });
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['violation.waived', 'cycle.stage_run']),
      );
    });

    it('takes confirmations from the cooperative itself, within the demand, with optimistic versions', async () => {
      const coop0 = await userToken(api, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[0] });
      const coop1 = await userToken(api, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[1] });
      const demand = await api.as(coop0).get('/cycles/{id}/demand', { params: { id: s.cycleId } });
      expect(demand.status).toBe(200);
      // Nothing is allocated before the allocation stage: not 0, which would say "nothing for you".
      expect(demand.body.map((d: { allocated: number | null }) => d.allocated)).toEqual([null, null]);
      expect(
        Object.fromEntries(
          demand.body.map((d: { offerId: string; quantity: number }) => [d.offerId, d.quantity]),
        ),
      ).toEqual({
        [s.offers.o1]: s.demand.o1,
        [s.offers.o2]: s.demand.o2,
      });
      expect(
        (
          await api.as(coop1).get('/cycles/{id}/demand', {
            params: { id: s.cycleId },
            query: { cooperativeId: s.r.cooperativeIds[0] },
          })
        ).status,
      ).toBe(404);
      const tooMuch = await api.as(coop0).put('/cycles/{id}/confirmations/{cooperativeId}', {
        params: { id: s.cycleId, cooperativeId: s.r.cooperativeIds[0] },
        body: { lines: [{ offerId: s.offers.o2, quantity: s.demand.o2 + 1 }] },
      });
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body.message).toContain('lines.0.quantity');
      expect(
        (
          await api.as(coop0).put('/cycles/{id}/confirmations/{cooperativeId}', {
            params: { id: s.cycleId, cooperativeId: s.r.cooperativeIds[0] },
            body: { lines: [{ offerId: s.offers.o3, quantity: 1 }] },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await api.as(coop1).put('/cycles/{id}/confirmations/{cooperativeId}', {
            params: { id: s.cycleId, cooperativeId: s.r.cooperativeIds[0] },
            body: { lines: [{ offerId: s.offers.o1, quantity: 1 }] },
          })
        ).status,
      ).toBe(404);
      const lines = [
        { offerId: s.offers.o1, quantity: s.demand.o1 },
        { offerId: s.offers.o2, quantity: s.demand.o2 - 5 },
      ];
      const confirmed = await api.as(coop0).put('/cycles/{id}/confirmations/{cooperativeId}', {
        params: { id: s.cycleId, cooperativeId: s.r.cooperativeIds[0] },
        body: { lines, version: 0 },
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.version).toBe(1);
      const stale = await api.as(coop0).put('/cycles/{id}/confirmations/{cooperativeId}', {
        params: { id: s.cycleId, cooperativeId: s.r.cooperativeIds[0] },
        body: { lines, version: 0 },
      });
      expect(stale.status).toBe(409);
      const [row] = await t.dataSource.query(
        'SELECT version FROM cooperative_confirmations WHERE cycle_id = $1 AND cooperative_id = $2',
        [s.cycleId, s.r.cooperativeIds[0]],
      );
      expect(row.version).toBe(1);
    });

    it('allocates when an admin runs the stage, holding a silent cooperative to its delivery pledge', async () => {
      expect((await api.as(admin).post('/cycles/{id}/advance', { params: { id: s.cycleId } })).status).toBe(
        202,
      );
      await waitForStatus(api, admin, s.cycleId, 'allocated');
      const supply = await t.dataSource.query(
        'SELECT offer_id, supply::int AS supply, excluded FROM cycle_offers WHERE cycle_id = $1',
        [s.cycleId],
      );
      const byOffer = Object.fromEntries(
        supply.map((row: { offer_id: string; supply: number }) => [row.offer_id, row.supply]),
      );
      expect(byOffer).toEqual({
        [s.offers.o1]: 50,
        [s.offers.o2]: s.demand.o2 - 5,
        [s.offers.o3]: 0,
        [s.offers.o4]: 10,
      });
      expect(await invariantBreaches(t.dataSource, s.cycleId)).toEqual({
        commitmentIsSumOfPledges: 0,
        membersSumToGroup: 0,
        groupWithinCommitment: 0,
        groupsSumToSupply: 0,
        memberWithinPledge: 0,
        everyPledgeAllocated: 0,
        supplyWithinBounds: 0,
        loadingListIsAllocations: 0,
        packagesAndKg: 0,
        restrictionsAreThePureOnes: 0,
        allocationIsThePureOne: 0,
        loadingListIsThePureOne: 0,
      });
      const [{ n }] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM member_allocations WHERE cycle_id = $1 AND offer_id = $2 AND allocated > 0',
        [s.cycleId, s.offers.o3],
      );
      expect(n).toBe(0);
      // The admin's view of the cycle per offer: what the groups got, summed in SQL (the dashboard).
      const demand = await api.as(admin).get('/cycles/{id}/demand', { params: { id: s.cycleId } });
      expect(
        Object.fromEntries(
          demand.body.map((d: { offerId: string; allocated: number | null }) => [d.offerId, d.allocated]),
        ),
      ).toEqual(byOffer);
    });

    it('shows each party its part of the allocations and the loading list', async () => {
      const [g0, g1] = s.r.groupIds;
      const coordinator = await userToken(api, admin, 'coordinator', { consumerGroupId: g0 });
      const own = await api
        .as(coordinator)
        .get('/cycles/{id}/allocations', { params: { id: s.cycleId }, query: { limit: 500 } });
      expect(own.status).toBe(200);
      expect(own.body.total).toBe(12); // 3 members × 4 offers
      expect(own.body.items.every((a: { consumerGroupId: string }) => a.consumerGroupId === g0)).toBe(true);
      expect(
        (
          await api
            .as(coordinator)
            .get('/cycles/{id}/allocations', { params: { id: s.cycleId }, query: { consumerGroupId: g1 } })
        ).status,
      ).toBe(404);
      const memberId = s.r.membersByGroup[0][1];
      const member = await userToken(api, admin, 'member', { memberId });
      const mine = await api.as(member).get('/cycles/{id}/allocations', { params: { id: s.cycleId } });
      expect(mine.body.items.every((a: { memberId: string }) => a.memberId === memberId)).toBe(true);
      expect(mine.body.total).toBe(4);
      expect(
        (
          await api.as(member).get('/cycles/{id}/allocations', {
            params: { id: s.cycleId },
            query: { memberId: s.r.membersByGroup[0][0] },
          })
        ).status,
      ).toBe(404);
      const coop = await userToken(api, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[0] });
      const list = await api.as(coop).get('/cycles/{id}/loading-list', { params: { id: s.cycleId } });
      expect(list.status).toBe(200);
      expect(list.body.pickupPoint.id).toBe(s.r.pickupPointId);
      expect(
        list.body.lines.every((l: { cooperativeId: string }) => l.cooperativeId === s.r.cooperativeIds[0]),
      ).toBe(true);
      expect(list.body.totals.units).toBe(
        list.body.lines.reduce((sum: number, l: { units: number }) => sum + l.units, 0),
      );
      expect(list.body.totals.units).toBe(50 + s.demand.o2 - 5);
      const stranger = await userToken(api, admin, 'coordinator', {
        consumerGroupId: s.r.producerSideGroupId,
      });
      expect((await api.as(stranger).get('/cycles/{id}', { params: { id: s.cycleId } })).status).toBe(404);
    });

    it('changes nothing when every stage job is delivered again', async () => {
      await waitForStatus(api, admin, s.cycleId, 'dispatched');
      const before = await allocationDigest(t.dataSource, s.cycleId);
      const mailsBefore = smtp.mails.length;
      const queue = t.app.get(QueueService);
      for (const fromStatus of ['open', 'locked', 'confirming', 'allocated']) {
        await queue.enqueue(
          JobName.RunStage,
          { cycleId: s.cycleId, fromStatus },
          `again-${s.cycleId}-${fromStatus}`,
        );
        await queue.enqueue(
          JobName.RunStage,
          { cycleId: s.cycleId, fromStatus },
          `again2-${s.cycleId}-${fromStatus}`,
        );
      }
      await until('the re-deliveries to finish', 20_000, async () => {
        const counts = await queue.queue(QueueName.Cycle).getJobCounts('waiting', 'active', 'delayed');
        return counts.waiting + counts.active + counts.delayed === 0 ? true : undefined;
      });
      expect(await allocationDigest(t.dataSource, s.cycleId)).toBe(before);
      expect((await api.as(admin).get('/cycles/{id}', { params: { id: s.cycleId } })).body.status).toBe(
        'dispatched',
      );
      await sleep(500);
      expect(smtp.mails.length).toBe(mailsBefore);
    });
  });

  describe('an API and two workers at once', () => {
    let apiRole: TestApp;
    let workers: INestApplicationContext[];
    let api: Api;
    let admin: string;

    beforeAll(async () => {
      const config = {
        databaseUrl: db.url,
        queuePrefix: db.queuePrefix,
        clockIntervalMs: 1000,
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      };
      apiRole = await startTestApp({ ...config, role: 'api' });
      workers = [await startWorker(config), await startWorker(config)];
      api = new Api(apiRole.app);
      admin = await adminToken(api, apiRole.dataSource);
    });
    afterAll(async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await apiRole.close();
    });

    it('runs each stage once however many workers race for it', async () => {
      const s = await scenario(api, admin, apiRole.dataSource);
      const mailsBefore = smtp.mails.length;
      const queue = apiRole.app.get(QueueService);
      // Every stage queued three times at once: the clock's copy and two strays.
      const race = (fromStatus: string) =>
        Promise.all(
          ['a', 'b', 'c'].map((copy) =>
            queue.enqueue(
              JobName.RunStage,
              { cycleId: s.cycleId, fromStatus },
              `race-${copy}-${s.cycleId}-${fromStatus}`,
            ),
          ),
        );
      await race('open');
      await waitForStatus(api, admin, s.cycleId, 'confirming');
      await race('locked');
      const coop0 = await userToken(api, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[0] });
      await api.as(coop0).put('/cycles/{id}/confirmations/{cooperativeId}', {
        params: { id: s.cycleId, cooperativeId: s.r.cooperativeIds[0] },
        body: {
          lines: [{ offerId: s.offers.o1, quantity: s.demand.o1 }],
        },
      });
      await race('confirming');
      await waitForStatus(api, admin, s.cycleId, 'allocated');
      await sleep(1500);
      expect(
        Object.values(await invariantBreaches(apiRole.dataSource, s.cycleId)).every((n) => n === 0),
      ).toBe(true);
      const counts = await apiRole.dataSource.query(
        `SELECT (SELECT count(*)::int FROM collective_commitments WHERE cycle_id = $1) AS commitments,
                (SELECT count(*)::int FROM member_allocations WHERE cycle_id = $1) AS allocations,
                (SELECT count(*)::int FROM member_pledges WHERE cycle_id = $1 AND quantity > 0) AS pledges,
                (SELECT count(*)::int FROM notifications
                  WHERE cycle_id = $1 AND recipient_type = 'cooperative') AS notifications`,
        [s.cycleId],
      );
      expect(counts[0]).toEqual({ commitments: 8, allocations: 24, pledges: 24, notifications: 2 });
      // People's notifications (cycle.locked, cycle.allocated) ride along: each written once too.
      const [{ total, distinct }] = await apiRole.dataSource.query(
        `SELECT count(*)::int AS total, count(DISTINCT dedupe_key)::int AS distinct
           FROM notifications WHERE cycle_id = $1`,
        [s.cycleId],
      );
      expect(total).toBe(distinct);
      await sleep(1500);
      const [{ emails }] = await apiRole.dataSource.query(
        `SELECT count(*)::int AS emails FROM notifications WHERE cycle_id = $1 AND channel = 'email'`,
        [s.cycleId],
      );
      expect(smtp.mails.length - mailsBefore).toBe(emails);
    });
  });
});
