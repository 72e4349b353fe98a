import fc from 'fast-check';
import { fcParameters } from '../support/property';
import { Api } from '../support/api';
import { adminToken, startTestApp, type TestApp } from '../support/test-app';
import { registry, seasonWithOffers, type Registry, type SeasonSetup } from '../support/season-fixtures';

/**
 * The live commitments (what GET …/commitments reads for an open month) are kept by the pledge
 * PUT itself, by difference. Whatever the PUTs, standing or for one month, concurrent on one
 * group or on one member, they must stay exactly the sum of the pledge rows.
 */
describe('live commitments under concurrent pledge PUTs', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let r: Registry;
  let s: SeasonSetup;

  beforeAll(async () => {
    t = await startTestApp({ dbPoolSize: 8 });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    r = await registry(t.dataSource, { groups: 2, membersPerGroup: 4 });
    s = await seasonWithOffers(api, admin, r);
  });

  afterAll(() => t.close());

  /** Rows of live_commitments that differ from the GROUP BY of the pledges, for the season. */
  async function drift(): Promise<number> {
    const [{ n }] = await t.dataSource.query(
      `WITH live AS (
         SELECT lc.cycle_id, lc.consumer_group_id, lc.offer_id, lc.quantity FROM live_commitments lc
           JOIN cycles c ON c.id = lc.cycle_id WHERE c.season_id = $1 AND lc.quantity <> 0
       ), summed AS (
         SELECT mp.cycle_id, mp.consumer_group_id, mp.offer_id, sum(mp.quantity) AS quantity FROM member_pledges mp
           JOIN cycles c ON c.id = mp.cycle_id WHERE c.season_id = $1
          GROUP BY mp.cycle_id, mp.consumer_group_id, mp.offer_id HAVING sum(mp.quantity) <> 0
       )
       SELECT count(*)::int AS n FROM ((TABLE live EXCEPT TABLE summed) UNION ALL (TABLE summed EXCEPT TABLE live)) d`,
      [s.seasonId],
    );
    return n;
  }

  it('stay the sum of the pledges through random concurrent PUTs', async () => {
    const members = r.membersByGroup.flat();
    const offerIds = s.offers.map((o) => o.id);
    const put = fc.record({
      member: fc.nat({ max: members.length - 1 }),
      month: fc.option(fc.constantFrom(...s.months), { nil: undefined }),
      lines: fc
        .subarray(offerIds)
        .chain((offers) =>
          fc.tuple(
            ...offers.map((offerId) => fc.record({ offerId: fc.constant(offerId), quantity: fc.nat(9) })),
          ),
        ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(put, { minLength: 1, maxLength: 12 }), async (puts) => {
        const replies = await Promise.all(
          puts.map((p) => {
            const params = { id: s.seasonId, memberId: members[p.member] };
            const body = { lines: p.lines };
            return p.month
              ? api.as(admin).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
                  params: { ...params, month: p.month },
                  body,
                })
              : api.as(admin).put('/seasons/{id}/members/{memberId}/pledges', { params, body });
          }),
        );
        expect(replies.map((reply) => reply.status)).toEqual(puts.map(() => 200));
        expect(await drift()).toBe(0);
      }),
      fcParameters({ numRuns: 15 }),
    );
    // And the API answers the same sums as the rows.
    const [month] = s.months;
    const reply = await api
      .as(admin)
      .get('/seasons/{id}/commitments', { params: { id: s.seasonId }, query: { month } });
    const rows: { consumer_group_id: string; offer_id: string; quantity: string }[] =
      await t.dataSource.query(
        `SELECT consumer_group_id, offer_id, sum(quantity) AS quantity FROM member_pledges WHERE cycle_id = $1
        GROUP BY consumer_group_id, offer_id HAVING sum(quantity) > 0`,
        [s.cycleIds[month]],
      );
    const mine = reply.body.filter((c: { consumerGroupId: string }) =>
      r.groupIds.includes(c.consumerGroupId),
    );
    expect(mine).toHaveLength(rows.length);
    for (const row of rows) {
      expect(mine).toContainEqual({
        consumerGroupId: row.consumer_group_id,
        offerId: row.offer_id,
        month,
        quantity: Number(row.quantity),
      });
    }
  });
});
