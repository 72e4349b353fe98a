import { StageRunner } from '../../src/cycles/stages/stage-runner';
import { MAX_MEMBER_PLEDGE_QUANTITY } from '../../src/pledges/dto/member-pledge.dto';
import { isolatedDatabase } from '../support/isolated-database';
import { registry, seasonBody, type Registry } from '../support/season-fixtures';
import { charterVersion } from '../support/rows';
import { Api } from '../support/api';
import { adminToken, startTestApp, type TestApp } from '../support/test-app';

const MEMBERS = 3000;
const CONFIRMED = 1_000_000_000; // the largest confirmation a cooperative may give for an offer

/**
 * F2 (docs/SECURITY.md): one group whose members all pledge the largest quantity they may must
 * not stop the month for everyone. 3,000 members × 1,000,000 units is 3·10⁹ units, past a 32-bit
 * integer: the lock, its demand, the allocations and the loading list must all hold it.
 */
describe('a month of the largest valid pledges', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let r: Registry;
  let cycleId: string;
  let offerId: string;
  const total = MEMBERS * MAX_MEMBER_PLEDGE_QUANTITY;

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_security_largest');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix, role: 'api' });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    r = await registry(t.dataSource, { groups: 1, membersPerGroup: 1, cooperatives: 1 });
    await charterVersion(t.dataSource, r.partnershipId, {}); // no rule caps or excludes the offer
    const season = await api.as(admin).post('/seasons', { body: seasonBody(r) });
    expect(season.status).toBe(201);
    cycleId = season.body.cycles[0].id;
    const [groupId] = r.groupIds;
    expect(
      (
        await api.as(admin).post('/seasons/{id}/groups', {
          params: { id: season.body.id },
          body: { consumerGroupId: groupId },
        })
      ).status,
    ).toBe(201);
    const offer = await api.as(admin).post('/seasons/{id}/offers', {
      params: { id: season.body.id },
      body: {
        cooperativeId: r.cooperativeIds[0],
        productId: r.productIds[0],
        unitPriceMinor: 450,
        packSize: 1,
        monthlyCapacity: 1_000_000_000,
      },
    });
    expect(offer.status).toBe(201);
    offerId = offer.body.id;
    // One member through the API (the largest line it takes), the others set-based.
    const put = await api.as(admin).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
      params: { id: season.body.id, memberId: r.membersByGroup[0][0], month: season.body.cycles[0].month },
      body: {
        lines: [{ offerId, quantity: MAX_MEMBER_PLEDGE_QUANTITY }],
      },
    });
    expect(put.status).toBe(200);
    await t.dataSource.query(
      `INSERT INTO members (consumer_group_id, name, email)
       SELECT $1, 'member ' || i, 'largest-' || i || '-' || $2 || '@test.example' FROM generate_series(2, $3) i`,
      [groupId, cycleId, MEMBERS],
    );
    await t.dataSource.query(
      `INSERT INTO member_pledges (cycle_id, member_id, offer_id, consumer_group_id, quantity)
       SELECT $1, m.id, $2, $3, $4 FROM members m
        WHERE m.consumer_group_id = $3 AND m.id <> $5`,
      [cycleId, offerId, groupId, MAX_MEMBER_PLEDGE_QUANTITY, r.membersByGroup[0][0]],
    );
    await t.dataSource.query(
      `UPDATE live_commitments lc SET quantity = s.quantity
         FROM (SELECT sum(quantity) AS quantity FROM member_pledges WHERE cycle_id = $1 AND offer_id = $2) s
        WHERE lc.cycle_id = $1 AND lc.offer_id = $2`,
      [cycleId, offerId],
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('pledged more than a 32-bit integer holds (the premise)', async () => {
    const [{ sum }] = await t.dataSource.query(
      `SELECT sum(quantity)::text AS sum FROM member_pledges WHERE cycle_id = $1`,
      [cycleId],
    );
    expect(Number(sum)).toBe(total);
    expect(total).toBeGreaterThan(2 ** 31 - 1);
  });

  it('locks, and answers the demand as a JSON number', async () => {
    const stages = t.app.get(StageRunner);
    expect(await stages.run(cycleId, 'open')).toBe('moved');
    expect(await stages.run(cycleId, 'locked')).toBe('moved');
    const demand = await api
      .as(admin)
      .get('/cycles/{id}/demand', { params: { id: cycleId }, query: { cooperativeId: r.cooperativeIds[0] } });
    expect(demand.status).toBe(200);
    expect(demand.body).toEqual([expect.objectContaining({ offerId, quantity: total })]);
  });

  it('allocates the confirmed units across the 3,000 members and loads them', async () => {
    const confirmed = await api.as(admin).put('/cycles/{id}/confirmations/{cooperativeId}', {
      params: { id: cycleId, cooperativeId: r.cooperativeIds[0] },
      body: {
        lines: [{ offerId, quantity: CONFIRMED }],
      },
    });
    expect(confirmed.status).toBe(200);
    expect(await t.app.get(StageRunner).run(cycleId, 'confirming')).toBe('moved');
    const cycle = await api.as(admin).get('/cycles/{id}', { params: { id: cycleId } });
    expect(cycle.body.status).toBe('allocated');
    const [row] = await t.dataSource.query(
      `SELECT (SELECT sum(allocated)::text FROM member_allocations WHERE cycle_id = $1) AS members,
              (SELECT count(*)::int FROM member_allocations WHERE cycle_id = $1) AS lines,
              (SELECT committed::text FROM group_allocations WHERE cycle_id = $1) AS committed,
              (SELECT units::text FROM loading_list_lines WHERE cycle_id = $1) AS units`,
      [cycleId],
    );
    expect(row).toEqual({
      members: String(CONFIRMED),
      lines: MEMBERS,
      committed: String(total),
      units: String(CONFIRMED),
    });
    const loading = await api.as(admin).get('/cycles/{id}/loading-list', { params: { id: cycleId } });
    expect(loading.status).toBe(200);
    expect(JSON.stringify(loading.body)).toContain(`${CONFIRMED}`);
    expect(JSON.stringify(loading.body)).not.toContain(`"${CONFIRMED}"`); // a number, not a string
  });
});
