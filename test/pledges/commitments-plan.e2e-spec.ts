import { Api } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import { registry, seasonWithOffers, type Registry, type SeasonSetup } from '../support/season-fixtures';
import { charterVersion, consumerGroup } from '../support/rows';

const NIL = '00000000-0000-4000-8000-000000000000';

interface Commitment {
  consumerGroupId: string;
  offerId: string;
  month: string;
  quantity: number;
}

describe('commitments, delivery pledges and the seasonal plan', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let r: Registry;
  let s: SeasonSetup;
  let tokens: Record<string, string>;
  let expected: Commitment[];

  const key = (c: Commitment) => `${c.month} ${c.consumerGroupId} ${c.offerId}`;
  const byKey = (x: Commitment, y: Commitment) => key(x).localeCompare(key(y));

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    r = await registry(t.dataSource, { groups: 2, membersPerGroup: 3 });
    s = await seasonWithOffers(api, admin, r);
    tokens = {
      coordinator: await userToken(api, admin, 'coordinator', { consumerGroupId: r.groupIds[0] }),
      otherCoordinator: await userToken(api, admin, 'coordinator', { consumerGroupId: r.groupIds[1] }),
      outsideCoordinator: await userToken(api, admin, 'coordinator', {
        consumerGroupId: await consumerGroup(t.dataSource, r.consumerTerritoryId),
      }),
      member: await userToken(api, admin, 'member', { memberId: r.membersByGroup[0][0] }),
      cooperative: await userToken(api, admin, 'cooperative', { cooperativeId: r.cooperativeIds[0] }),
      otherCooperative: await userToken(api, admin, 'cooperative', { cooperativeId: r.cooperativeIds[1] }),
      transporter: await userToken(api, admin, 'transporter', {
        transportOrganiserId: r.transportOrganiserIds[0],
      }),
    };
    // Every member pledges a standing amount on some offers, then changes one month.
    const [a, b, c] = s.offers.map((o) => o.id);
    const pledges = new Map<string, number>(); // "month group offer" → sum
    const add = (month: string, group: string, offer: string, quantity: number) => {
      const k = `${month} ${group} ${offer}`;
      pledges.set(k, (pledges.get(k) ?? 0) + quantity);
    };
    for (const [g, members] of r.membersByGroup.entries()) {
      for (const [m, memberId] of members.entries()) {
        const standing = [
          { offerId: a, quantity: 1 + m + 10 * g },
          { offerId: c, quantity: 2 * (m + 1) },
          ...(m === 1 ? [{ offerId: b, quantity: 7 }] : []),
        ];
        const put = await api.as(admin).put('/seasons/{id}/members/{memberId}/pledges', {
          params: { id: s.seasonId, memberId },
          body: { lines: standing },
        });
        expect(put.status).toBe(200);
        const april = [{ offerId: b, quantity: 3 + g }];
        expect(
          (
            await api.as(admin).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
              params: { id: s.seasonId, memberId, month: '2030-04' },
              body: { lines: april },
            })
          ).status,
        ).toBe(200);
        for (const month of s.months) {
          for (const line of month === '2030-04' ? april : standing)
            add(month, r.groupIds[g], line.offerId, line.quantity);
        }
      }
    }
    expected = [...pledges.entries()].map(([k, quantity]) => {
      const [month, consumerGroupId, offerId] = k.split(' ');
      return { consumerGroupId, offerId, month, quantity };
    });
  });
  afterAll(() => t.close());

  const commitments = (token: string, query: { month?: string; consumerGroupId?: string } = {}) =>
    api.as(token).get('/seasons/{id}/commitments', { params: { id: s.seasonId }, query });

  describe('collective commitments', () => {
    it('are the sums of the members’ pledges per group, offer and month', async () => {
      const reply = await commitments(admin);
      expect(reply.status).toBe(200);
      expect([...reply.body].sort(byKey)).toEqual([...expected].sort(byKey));
      // and agree with the database
      const [sum] = await t.dataSource.query(
        `SELECT sum(mp.quantity)::int AS total FROM member_pledges mp JOIN cycles c ON c.id = mp.cycle_id WHERE c.season_id = $1`,
        [s.seasonId],
      );
      expect(reply.body.reduce((total: number, c: Commitment) => total + c.quantity, 0)).toBe(sum.total);
    });

    it('filter by month and by group', async () => {
      const april = await commitments(admin, { month: '2030-04' });
      expect(april.status).toBe(200);
      expect([...april.body].sort(byKey)).toEqual(expected.filter((c) => c.month === '2030-04').sort(byKey));
      const group = await commitments(admin, { consumerGroupId: r.groupIds[1], month: '2030-05' });
      expect([...group.body].sort(byKey)).toEqual(
        expected.filter((c) => c.month === '2030-05' && c.consumerGroupId === r.groupIds[1]).sort(byKey),
      );
      expect((await commitments(admin, { month: '2031-05' })).body).toEqual([]);
    });

    it('a coordinator sees its own group, by default or by id', async () => {
      const own = expected.filter((c) => c.consumerGroupId === r.groupIds[0]).sort(byKey);
      const byDefault = await commitments(tokens.coordinator);
      expect(byDefault.status).toBe(200);
      expect([...byDefault.body].sort(byKey)).toEqual(own);
      expect(
        [...(await commitments(tokens.coordinator, { consumerGroupId: r.groupIds[0] })).body].sort(byKey),
      ).toEqual(own);
    });

    it('a coordinator asking for another group, or whose group is not enrolled, gets 404', async () => {
      expect((await commitments(tokens.coordinator, { consumerGroupId: r.groupIds[1] })).status).toBe(404);
      expect((await commitments(tokens.coordinator, { consumerGroupId: NIL })).status).toBe(404);
      expect((await commitments(tokens.outsideCoordinator)).status).toBe(404);
    });

    it('other roles are refused; bad queries are 400; an unknown season 404', async () => {
      for (const who of ['member', 'cooperative', 'transporter'])
        expect((await commitments(tokens[who])).status).toBe(403);
      expect(
        (await api.anonymous().get('/seasons/{id}/commitments', { params: { id: s.seasonId } })).status,
      ).toBe(401);
      const badMonth = await commitments(admin, { month: '2030-4' });
      expect(badMonth.status).toBe(400);
      expect(badMonth.body.message).toContain('month');
      const badGroup = await commitments(admin, { consumerGroupId: 'abc' });
      expect(badGroup.status).toBe(400);
      expect(badGroup.body.message).toContain('consumerGroupId');
      expect((await api.as(admin).get('/seasons/{id}/commitments', { params: { id: NIL } })).status).toBe(
        404,
      );
    });
  });

  describe('delivery pledges', () => {
    const stored = async (cooperativeId: string) =>
      t.dataSource.query(
        `SELECT dp.offer_id, c.month, dp.quantity FROM delivery_pledges dp JOIN cycles c ON c.id = dp.cycle_id
         WHERE c.season_id = $1 AND dp.cooperative_id = $2 ORDER BY c.month, dp.offer_id`,
        [s.seasonId, cooperativeId],
      );

    it('a cooperative upserts its own pledges per offer and month, keeping those not named', async () => {
      const [a, b] = s.offers.map((o) => o.id);
      const first = await api
        .as(tokens.cooperative)
        .put('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
          params: { id: s.seasonId, cooperativeId: r.cooperativeIds[0] },
          body: {
            lines: [
              { offerId: a, month: '2030-03', quantity: 40 },
              { offerId: a, month: '2030-04', quantity: 45 },
              { offerId: b, month: '2030-04', quantity: 10 },
            ],
          },
        });
      expect(first.status).toBe(200);
      const second = await api
        .as(tokens.cooperative)
        .put('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
          params: { id: s.seasonId, cooperativeId: r.cooperativeIds[0] },
          body: { lines: [{ offerId: a, month: '2030-04', quantity: 50 }] },
        });
      expect(second.status).toBe(200);
      const want = [
        { offerId: a, month: '2030-03', quantity: 40 },
        { offerId: a, month: '2030-04', quantity: 50 },
        { offerId: b, month: '2030-04', quantity: 10 },
      ].sort((x, y) => `${x.month}${x.offerId}`.localeCompare(`${y.month}${y.offerId}`));
      expect(second.body).toEqual(want);
      expect(
        (
          await api
            .as(tokens.cooperative)
            .get('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
              params: { id: s.seasonId, cooperativeId: r.cooperativeIds[0] },
            })
        ).body,
      ).toEqual(want);
      expect(
        (await stored(r.cooperativeIds[0])).map(
          (row: { offer_id: string; month: string; quantity: number }) => ({
            offerId: row.offer_id,
            month: row.month,
            quantity: row.quantity,
          }),
        ),
      ).toEqual(want);
      // an admin may too
      const byAdmin = await api.as(admin).put('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
        params: { id: s.seasonId, cooperativeId: r.cooperativeIds[1] },
        body: {
          lines: [{ offerId: s.offers[2].id, month: '2030-02', quantity: 5 }],
        },
      });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body).toEqual([{ offerId: s.offers[2].id, month: '2030-02', quantity: 5 }]);
    });

    it.each([
      [
        'another cooperative’s offer',
        () => [{ offerId: s.offers[2].id, month: '2030-03', quantity: 1 }],
        'lines.0.offerId',
      ],
      ['an unknown offer', () => [{ offerId: NIL, month: '2030-03', quantity: 1 }], 'lines.0.offerId'],
      [
        'a month outside the season',
        () => [
          { offerId: s.offers[0].id, month: '2030-03', quantity: 1 },
          { offerId: s.offers[0].id, month: '2030-09', quantity: 1 },
        ],
        'lines.1.month',
      ],
      [
        'a malformed month',
        () => [{ offerId: s.offers[0].id, month: '2030-3', quantity: 1 }],
        'lines.0.month',
      ],
      [
        'the same offer and month twice',
        () => [
          { offerId: s.offers[0].id, month: '2030-03', quantity: 1 },
          { offerId: s.offers[0].id, month: '2030-03', quantity: 2 },
        ],
        'lines.1',
      ],
      [
        'a negative quantity',
        () => [{ offerId: s.offers[0].id, month: '2030-03', quantity: -3 }],
        'lines.0.quantity',
      ],
      [
        'a fractional quantity',
        () => [{ offerId: s.offers[0].id, month: '2030-03', quantity: 0.5 }],
        'lines.0.quantity',
      ],
    ])('rejects %s with 400, changing nothing', async (_what, lines, field) => {
      const before = await stored(r.cooperativeIds[0]);
      const reply = await api
        .as(tokens.cooperative)
        .put('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
          params: { id: s.seasonId, cooperativeId: r.cooperativeIds[0] },
          body: { lines: lines() },
        });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toContain(field);
      expect(await stored(r.cooperativeIds[0])).toEqual(before);
    });

    it('answers 422 for a month no longer open, changing nothing', async () => {
      await t.dataSource.query(`UPDATE cycles SET status = 'locked' WHERE id = $1`, [s.cycleIds['2030-02']]);
      try {
        const before = await stored(r.cooperativeIds[0]);
        const reply = await api
          .as(tokens.cooperative)
          .put('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
            params: { id: s.seasonId, cooperativeId: r.cooperativeIds[0] },
            body: {
              lines: [
                { offerId: s.offers[0].id, month: '2030-05', quantity: 8 },
                { offerId: s.offers[0].id, month: '2030-02', quantity: 8 },
              ],
            },
          });
        expect(reply.status).toBe(422);
        expect(reply.body.message).toContain('2030-02');
        expect(await stored(r.cooperativeIds[0])).toEqual(before);
      } finally {
        await t.dataSource.query(`UPDATE cycles SET status = 'open' WHERE id = $1`, [s.cycleIds['2030-02']]);
      }
    });

    it('another cooperative gets 404; other roles 403; an unknown cooperative or season 404', async () => {
      const before = await stored(r.cooperativeIds[0]);
      const lines = [{ offerId: s.offers[0].id, month: '2030-03', quantity: 999 }];
      expect(
        (
          await api
            .as(tokens.otherCooperative)
            .put('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
              params: { id: s.seasonId, cooperativeId: r.cooperativeIds[0] },
              body: { lines },
            })
        ).status,
      ).toBe(404);
      expect(
        (
          await api
            .as(tokens.otherCooperative)
            .get('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
              params: { id: s.seasonId, cooperativeId: r.cooperativeIds[0] },
            })
        ).status,
      ).toBe(404);
      for (const who of ['coordinator', 'member', 'transporter']) {
        expect(
          (
            await api.as(tokens[who]).put('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
              params: { id: s.seasonId, cooperativeId: r.cooperativeIds[0] },
              body: { lines },
            })
          ).status,
        ).toBe(403);
        expect(
          (
            await api.as(tokens[who]).get('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
              params: { id: s.seasonId, cooperativeId: r.cooperativeIds[0] },
            })
          ).status,
        ).toBe(403);
      }
      expect(
        (
          await api.anonymous().get('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
            params: { id: s.seasonId, cooperativeId: r.cooperativeIds[0] },
          })
        ).status,
      ).toBe(401);
      expect(
        (
          await api.as(admin).get('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
            params: { id: s.seasonId, cooperativeId: NIL },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await api.as(admin).put('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
            params: { id: NIL, cooperativeId: r.cooperativeIds[0] },
            body: { lines },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await api
            .as(tokens.cooperative)
            .get('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
              params: { id: NIL, cooperativeId: r.cooperativeIds[0] },
            })
        ).status,
      ).toBe(404);
      expect(await stored(r.cooperativeIds[0])).toEqual(before);
    });
  });

  describe('the seasonal plan', () => {
    it('gives commitments, delivery pledge, capacity and export cap per offer and month', async () => {
      const reply = await api.as(admin).get('/seasons/{id}/plan', { params: { id: s.seasonId } });
      expect(reply.status).toBe(200);
      expect(reply.body).toHaveLength(s.offers.length * s.months.length);
      const delivery = new Map<string, number>(
        (
          await t.dataSource.query(
            `SELECT dp.offer_id, c.month, dp.quantity FROM delivery_pledges dp JOIN cycles c ON c.id = dp.cycle_id WHERE c.season_id = $1`,
            [s.seasonId],
          )
        ).map((row: { offer_id: string; month: string; quantity: number }) => [
          `${row.offer_id} ${row.month}`,
          row.quantity,
        ]),
      );
      expect(delivery.get(`${s.offers[0].id} 2030-04`)).toBe(50);
      for (const offer of s.offers) {
        for (const month of s.months) {
          const row = reply.body.find(
            (p: { offerId: string; month: string }) => p.offerId === offer.id && p.month === month,
          );
          const commitments = expected
            .filter((c) => c.offerId === offer.id && c.month === month)
            .reduce((sum, c) => sum + c.quantity, 0);
          expect(row).toEqual({
            offerId: offer.id,
            cooperativeId: offer.cooperativeId,
            productId: offer.productId,
            month,
            commitments,
            deliveryPledge: delivery.get(`${offer.id} ${month}`) ?? null,
            monthlyCapacity: offer.monthlyCapacity,
            exportCap: Math.floor(0.5 * offer.monthlyCapacity), // 500, 150, 25
          });
        }
      }
      expect(reply.body.find((p: { offerId: string }) => p.offerId === s.offers[1].id)!.exportCap).toBe(150);
    });

    it('a cooperative sees its own offers only; others are refused', async () => {
      const own = await api.as(tokens.cooperative).get('/seasons/{id}/plan', { params: { id: s.seasonId } });
      expect(own.status).toBe(200);
      expect(own.body).toHaveLength(2 * s.months.length);
      expect(new Set(own.body.map((p: { cooperativeId: string }) => p.cooperativeId))).toEqual(
        new Set([r.cooperativeIds[0]]),
      );
      const other = await api
        .as(tokens.otherCooperative)
        .get('/seasons/{id}/plan', { params: { id: s.seasonId } });
      expect(other.body.map((p: { offerId: string }) => p.offerId)).toEqual(
        s.months.map(() => s.offers[2].id),
      );
      const stranger = await userToken(api, admin, 'cooperative', {
        cooperativeId: r.consumerSideCooperativeId,
      });
      expect((await api.as(stranger).get('/seasons/{id}/plan', { params: { id: s.seasonId } })).status).toBe(
        404,
      );
      for (const who of ['coordinator', 'member', 'transporter']) {
        expect(
          (await api.as(tokens[who]).get('/seasons/{id}/plan', { params: { id: s.seasonId } })).status,
        ).toBe(403);
      }
      expect((await api.as(admin).get('/seasons/{id}/plan', { params: { id: NIL } })).status).toBe(404);
    });

    it('takes the export cap from the current charter version, null without maxExportShare', async () => {
      await charterVersion(t.dataSource, r.partnershipId, { maxExportShare: 0.333 });
      const capped = await api.as(admin).get('/seasons/{id}/plan', { params: { id: s.seasonId } });
      expect(capped.body.find((p: { offerId: string }) => p.offerId === s.offers[0].id)!.exportCap).toBe(333);
      expect(capped.body.find((p: { offerId: string }) => p.offerId === s.offers[1].id)!.exportCap).toBe(100);
      await charterVersion(t.dataSource, r.partnershipId, { organicRequired: true });
      const uncapped = await api.as(admin).get('/seasons/{id}/plan', { params: { id: s.seasonId } });
      expect(uncapped.body.every((p: { exportCap: number | null }) => p.exportCap === null)).toBe(true);
    });
  });
});
