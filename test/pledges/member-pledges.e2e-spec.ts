import { NO_REACH, type Reach } from '../../src/common/auth/ownership';
import { MemberPledgesRepository } from '../../src/pledges/member-pledges.repository';
import { Api, type Invalid } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import {
  registry,
  seasonWithOffers,
  storedPledges,
  type Registry,
  type SeasonSetup,
} from '../support/season-fixtures';
import { consumerGroup, member, transportOrganiser } from '../support/rows';

const NIL = '00000000-0000-4000-8000-000000000000';

describe('member pledges', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let r: Registry;
  let memberId: string; // r.membersByGroup[0][0]
  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    r = await registry(t.dataSource);
    memberId = r.membersByGroup[0][0];
    tokens = {
      self: await userToken(api, admin, 'member', { memberId }),
      sameGroupMember: await userToken(api, admin, 'member', { memberId: r.membersByGroup[0][1] }),
      coordinator: await userToken(api, admin, 'coordinator', { consumerGroupId: r.groupIds[0] }),
      otherCoordinator: await userToken(api, admin, 'coordinator', { consumerGroupId: r.groupIds[1] }),
      cooperative: await userToken(api, admin, 'cooperative', { cooperativeId: r.cooperativeIds[0] }),
      transporter: await userToken(api, admin, 'transporter', {
        transportOrganiserId: r.transportOrganiserIds[0],
      }),
    };
  });
  afterAll(() => t.close());

  const setCycle = (s: SeasonSetup, month: string, set: string) =>
    t.dataSource.query(`UPDATE cycles SET ${set} WHERE id = $1`, [s.cycleIds[month]]);

  describe('the standing pledge', () => {
    it('fills every open month, storing only quantities above 0', async () => {
      const s = await seasonWithOffers(api, admin, r);
      const [a, b, c] = s.offers.map((o) => o.id);
      const reply = await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges', {
        params: { id: s.seasonId, memberId },
        body: {
          lines: [
            { offerId: a, quantity: 3 },
            { offerId: b, quantity: 0 },
            { offerId: c, quantity: 2 },
          ],
        },
      });
      expect(reply.status).toBe(200);
      const expected = s.months.flatMap((month) => [
        { month, offerId: a, quantity: 3 },
        { month, offerId: c, quantity: 2 },
      ]);
      const byOffer = (x: { month: string; offerId: string }, y: { month: string; offerId: string }) =>
        x.month.localeCompare(y.month) || x.offerId.localeCompare(y.offerId);
      expect([...reply.body].sort(byOffer)).toEqual(expected.sort(byOffer));
      const stored = await storedPledges(t.dataSource, s.seasonId, memberId);
      expect(Object.keys(stored)).toEqual(s.months);
      for (const month of s.months) expect(stored[month]).toEqual({ [a]: 3, [c]: 2 });
      const rows = await t.dataSource.query(
        `SELECT DISTINCT consumer_group_id FROM member_pledges mp JOIN cycles c ON c.id = mp.cycle_id WHERE c.season_id = $1`,
        [s.seasonId],
      );
      expect(rows).toEqual([{ consumer_group_id: r.groupIds[0] }]);
      const listed = await api
        .as(tokens.self)
        .get('/seasons/{id}/members/{memberId}/pledges', { params: { id: s.seasonId, memberId } });
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual(reply.body);
    });

    it('replaces the lines (a line left out or set to 0 goes) and skips a locked month and one whose lock time has passed', async () => {
      const s = await seasonWithOffers(api, admin, r);
      const [a, b] = s.offers.map((o) => o.id);
      expect(
        (
          await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges', {
            params: { id: s.seasonId, memberId },
            body: {
              lines: [
                { offerId: a, quantity: 1 },
                { offerId: b, quantity: 4 },
              ],
            },
          })
        ).status,
      ).toBe(200);
      await setCycle(s, '2030-03', `status = 'locked'`);
      await setCycle(s, '2030-02', `locks_at = now() - interval '1 minute'`);
      const reply = await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges', {
        params: { id: s.seasonId, memberId },
        body: {
          lines: [
            { offerId: a, quantity: 5 },
            { offerId: b, quantity: 0 },
          ],
        },
      });
      expect(reply.status).toBe(200);
      expect(await storedPledges(t.dataSource, s.seasonId, memberId)).toEqual({
        '2030-02': { [a]: 1, [b]: 4 },
        '2030-03': { [a]: 1, [b]: 4 },
        '2030-04': { [a]: 5 },
        '2030-05': { [a]: 5 },
      });
      const cleared = await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges', {
        params: { id: s.seasonId, memberId },
        body: { lines: [] },
      });
      expect(cleared.status).toBe(200);
      expect(Object.keys(await storedPledges(t.dataSource, s.seasonId, memberId))).toEqual([
        '2030-02',
        '2030-03',
      ]);
    });

    it('writes only the lines that change: a line sent again with its quantity keeps its row and its updated_at', async () => {
      const s = await seasonWithOffers(api, admin, r);
      const [a, b] = s.offers.map((o) => o.id);
      const month = s.months[0];
      const rows = async (): Promise<Record<string, { version: string; updatedAt: string }>> =>
        Object.fromEntries(
          (
            await t.dataSource.query(
              `SELECT offer_id, xmin::text AS version, updated_at::text AS updated_at FROM member_pledges
                WHERE cycle_id = $1 AND member_id = $2`,
              [s.cycleIds[month], memberId],
            )
          ).map((row: { offer_id: string; version: string; updated_at: string }) => [
            row.offer_id,
            { version: row.version, updatedAt: row.updated_at },
          ]),
        );
      const put = (quantityOfB: number) =>
        api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
          params: { id: s.seasonId, memberId, month },
          body: {
            lines: [
              { offerId: a, quantity: 2 },
              { offerId: b, quantity: quantityOfB },
            ],
          },
        });
      expect((await put(3)).status).toBe(200);
      const before = await rows();
      const reply = await put(5);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(
        [
          { month, offerId: a, quantity: 2 },
          { month, offerId: b, quantity: 5 },
        ].sort((x, y) => x.offerId.localeCompare(y.offerId)),
      );
      const after = await rows();
      expect(after[a]).toEqual(before[a]);
      expect(after[b].version).not.toBe(before[b].version);
      expect(after[b].updatedAt > before[b].updatedAt).toBe(true);
    });

    it('answers 422 when no month is open any more', async () => {
      const s = await seasonWithOffers(api, admin, r);
      await t.dataSource.query(`UPDATE cycles SET status = 'locked' WHERE season_id = $1`, [s.seasonId]);
      const reply = await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges', {
        params: { id: s.seasonId, memberId },
        body: { lines: [{ offerId: s.offers[0].id, quantity: 1 }] },
      });
      expect(reply.status).toBe(422);
      expect(reply.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
      expect(await storedPledges(t.dataSource, s.seasonId, memberId)).toEqual({});
    });
  });

  describe('a month', () => {
    it('replaces that month only', async () => {
      const s = await seasonWithOffers(api, admin, r);
      const [a, b, c] = s.offers.map((o) => o.id);
      await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges', {
        params: { id: s.seasonId, memberId },
        body: { lines: [{ offerId: a, quantity: 2 }] },
      });
      const reply = await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
        params: { id: s.seasonId, memberId, month: '2030-04' },
        body: {
          lines: [
            { offerId: b, quantity: 7 },
            { offerId: c, quantity: 1 },
          ],
        },
      });
      expect(reply.status).toBe(200);
      expect(await storedPledges(t.dataSource, s.seasonId, memberId)).toEqual({
        '2030-02': { [a]: 2 },
        '2030-03': { [a]: 2 },
        '2030-04': { [b]: 7, [c]: 1 },
        '2030-05': { [a]: 2 },
      });
    });

    it('answers 422 for a locked month and changes nothing', async () => {
      const s = await seasonWithOffers(api, admin, r);
      const [a, b] = s.offers.map((o) => o.id);
      await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges', {
        params: { id: s.seasonId, memberId },
        body: { lines: [{ offerId: a, quantity: 2 }] },
      });
      await setCycle(s, '2030-03', `status = 'confirming'`);
      await setCycle(s, '2030-05', `locks_at = now() - interval '1 second'`);
      const before = await storedPledges(t.dataSource, s.seasonId, memberId);
      for (const month of ['2030-03', '2030-05']) {
        const reply = await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
          params: { id: s.seasonId, memberId, month },
          body: { lines: [{ offerId: b, quantity: 9 }] },
        });
        expect(reply.status).toBe(422);
        expect(reply.body.message).toContain(month);
      }
      expect(await storedPledges(t.dataSource, s.seasonId, memberId)).toEqual(before);
    });

    it('answers 404 for a month outside the season and 400 for a malformed one', async () => {
      const s = await seasonWithOffers(api, admin, r);
      const lines = [{ offerId: s.offers[0].id, quantity: 1 }];
      const outside = await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
        params: { id: s.seasonId, memberId, month: '2031-01' },
        body: { lines },
      });
      expect(outside.status).toBe(404);
      const malformed = await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
        params: { id: s.seasonId, memberId, month: '2030-13' },
        body: { lines },
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).toContain('month');
      expect(await storedPledges(t.dataSource, s.seasonId, memberId)).toEqual({});
    });
  });

  describe('bad bodies: 400 naming the line, nothing written', () => {
    let s: SeasonSetup;
    let other: SeasonSetup;
    beforeAll(async () => {
      s = await seasonWithOffers(api, admin, r);
      other = await seasonWithOffers(api, admin, r);
      await api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges', {
        params: { id: s.seasonId, memberId },
        body: { lines: [{ offerId: s.offers[0].id, quantity: 4 }] },
      });
    });

    const cases: [string, () => unknown, string][] = [
      [
        'a negative quantity',
        () => ({ lines: [{ offerId: s.offers[0].id, quantity: -1 }] }),
        'lines.0.quantity',
      ],
      [
        'a fractional quantity',
        () => ({
          lines: [
            { offerId: s.offers[1].id, quantity: 1 },
            { offerId: s.offers[0].id, quantity: 1.5 },
          ],
        }),
        'lines.1.quantity',
      ],
      [
        'a quantity above a million',
        () => ({ lines: [{ offerId: s.offers[0].id, quantity: 1_000_001 }] }),
        'lines.0.quantity',
      ],
      [
        'a quantity as a string',
        () => ({ lines: [{ offerId: s.offers[0].id, quantity: '3' }] }),
        'lines.0.quantity',
      ],
      [
        'an offer twice',
        () => ({
          lines: [
            { offerId: s.offers[0].id, quantity: 1 },
            { offerId: s.offers[0].id, quantity: 2 },
          ],
        }),
        'lines.1.offerId',
      ],
      [
        'an offer of another season',
        () => ({
          lines: [
            { offerId: s.offers[0].id, quantity: 1 },
            { offerId: other.offers[0].id, quantity: 2 },
          ],
        }),
        `lines.1.offerId: ${'OTHER'}`,
      ],
      ['an unknown offer', () => ({ lines: [{ offerId: NIL, quantity: 1 }] }), `lines.0.offerId: ${NIL}`],
      ['a malformed offer id', () => ({ lines: [{ offerId: 'apples', quantity: 1 }] }), 'lines.0.offerId'],
      [
        'an unknown field in a line',
        () => ({ lines: [{ offerId: s.offers[0].id, quantity: 1, price: 3 }] }),
        'price',
      ],
      ['no lines', () => ({}), 'lines'],
      [
        'the lines without their object',
        () => [{ offerId: s.offers[0].id, quantity: 1 }],
        'body: must be a JSON object',
      ],
      ['lines that are not an array', () => ({ lines: { offerId: s.offers[0].id, quantity: 1 } }), 'lines'],
      [
        '501 lines',
        () => ({ lines: Array.from({ length: 501 }, () => ({ offerId: s.offers[0].id, quantity: 1 })) }),
        'lines',
      ],
    ];
    it.each(cases)('%s', async (_what, body, field) => {
      const before = await storedPledges(t.dataSource, s.seasonId, memberId);
      const params = { id: s.seasonId, memberId };
      for (const send of [
        () =>
          api
            .as(tokens.self)
            .put('/seasons/{id}/members/{memberId}/pledges', { params, body: body() as Invalid }),
        () =>
          api.as(tokens.self).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
            params: { ...params, month: '2030-04' },
            body: body() as Invalid,
          }),
      ]) {
        const reply = await send();
        expect(reply.status).toBe(400);
        expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(reply.body.message).toContain(field.replace('OTHER', other.offers[0].id));
      }
      expect(await storedPledges(t.dataSource, s.seasonId, memberId)).toEqual(before);
    });
  });

  describe('who may pledge for a member', () => {
    let s: SeasonSetup;
    let body: { lines: { offerId: string; quantity: number }[] };
    beforeAll(async () => {
      s = await seasonWithOffers(api, admin, r);
      body = { lines: [{ offerId: s.offers[0].id, quantity: 2 }] };
    });

    it.each(['self', 'coordinator'])('the member itself and its coordinator may (%s)', async (who) => {
      const put = await api
        .as(tokens[who])
        .put('/seasons/{id}/members/{memberId}/pledges', { params: { id: s.seasonId, memberId }, body });
      expect(put.status).toBe(200);
      expect(put.body).toHaveLength(4);
      const got = await api
        .as(tokens[who])
        .get('/seasons/{id}/members/{memberId}/pledges', { params: { id: s.seasonId, memberId } });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(put.body);
      expect(
        (
          await api.as(tokens[who]).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
            params: { id: s.seasonId, memberId, month: '2030-02' },
            body,
          })
        ).status,
      ).toBe(200);
    });

    it('an admin may', async () => {
      expect(
        (
          await api.as(admin).put('/seasons/{id}/members/{memberId}/pledges', {
            params: { id: s.seasonId, memberId: r.membersByGroup[0][2] },
            body,
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await api.as(admin).get('/seasons/{id}/members/{memberId}/pledges', {
            params: { id: s.seasonId, memberId: r.membersByGroup[0][2] },
          })
        ).body,
      ).toHaveLength(4);
    });

    it.each(['sameGroupMember', 'otherCoordinator'])(
      'another member or another group’s coordinator gets 404 (%s)',
      async (who) => {
        const target = r.membersByGroup[0][2];
        const before = await storedPledges(t.dataSource, s.seasonId, target);
        const put = await api.as(tokens[who]).put('/seasons/{id}/members/{memberId}/pledges', {
          params: { id: s.seasonId, memberId: target },
          body: { lines: [{ offerId: s.offers[1].id, quantity: 9 }] },
        });
        expect(put.status).toBe(404);
        expect(
          (
            await api.as(tokens[who]).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
              params: { id: s.seasonId, memberId: target, month: '2030-03' },
              body: { lines: [] },
            })
          ).status,
        ).toBe(404);
        expect(
          (
            await api.as(tokens[who]).get('/seasons/{id}/members/{memberId}/pledges', {
              params: { id: s.seasonId, memberId: target },
            })
          ).status,
        ).toBe(404);
        expect(await storedPledges(t.dataSource, s.seasonId, target)).toEqual(before);
      },
    );

    it('the database itself writes only for a member within the reach it is given', async () => {
      // The PUT is one round trip: the function decides reach as reachOf says, and must
      // refuse on its own, whatever the API checked before.
      const repository = t.app.get(MemberPledgesRepository);
      const target = r.membersByGroup[0][2];
      const before = await storedPledges(t.dataSource, s.seasonId, target);
      const put = (reach: Reach) =>
        repository.put({
          seasonId: s.seasonId,
          memberId: target,
          target: { kind: 'standing' },
          lines: [{ offerId: s.offers[1].id, quantity: 9 }],
          write: true,
          reach,
        });
      for (const reach of [
        NO_REACH,
        { ...NO_REACH, consumerGroupId: r.groupIds[1] },
        { ...NO_REACH, memberId: r.membersByGroup[0][1] },
        { ...NO_REACH, cooperativeId: r.cooperativeIds[0] },
      ]) {
        expect((await put(reach)).kind).toBe('refused');
      }
      expect(await storedPledges(t.dataSource, s.seasonId, target)).toEqual(before);
      expect((await put({ ...NO_REACH, consumerGroupId: r.groupIds[0] })).kind).toBe('replaced');
      expect((await put({ ...NO_REACH, memberId: target })).kind).toBe('replaced');
      expect((await put({ ...NO_REACH, all: true })).kind).toBe('replaced');
      const month = Object.values(await storedPledges(t.dataSource, s.seasonId, target))[0];
      expect(month).toEqual({ [s.offers[1].id]: 9 });
    });

    it.each(['cooperative', 'transporter'])('a %s is refused by role (403)', async (who) => {
      expect(
        (
          await api
            .as(tokens[who])
            .put('/seasons/{id}/members/{memberId}/pledges', { params: { id: s.seasonId, memberId }, body })
        ).status,
      ).toBe(403);
      expect(
        (
          await api.as(tokens[who]).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
            params: { id: s.seasonId, memberId, month: '2030-02' },
            body,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await api
            .as(tokens[who])
            .get('/seasons/{id}/members/{memberId}/pledges', { params: { id: s.seasonId, memberId } })
        ).status,
      ).toBe(403);
    });

    it('needs a token', async () => {
      expect(
        (
          await api
            .anonymous()
            .put('/seasons/{id}/members/{memberId}/pledges', { params: { id: s.seasonId, memberId }, body })
        ).status,
      ).toBe(401);
      expect(
        (
          await api
            .anonymous()
            .get('/seasons/{id}/members/{memberId}/pledges', { params: { id: s.seasonId, memberId } })
        ).status,
      ).toBe(401);
    });

    it('answers 404 for an unknown member or season', async () => {
      expect(
        (
          await api.as(admin).put('/seasons/{id}/members/{memberId}/pledges', {
            params: { id: s.seasonId, memberId: NIL },
            body,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await api
            .as(admin)
            .get('/seasons/{id}/members/{memberId}/pledges', { params: { id: NIL, memberId } })
        ).status,
      ).toBe(404);
      expect(
        (
          await api
            .as(tokens.self)
            .put('/seasons/{id}/members/{memberId}/pledges', { params: { id: NIL, memberId }, body })
        ).status,
      ).toBe(404);
    });

    it('answers an admin 422 when the member’s group is not enrolled in the season', async () => {
      const outsiderGroup = await consumerGroup(t.dataSource, r.consumerTerritoryId);
      const outsider = await member(t.dataSource, outsiderGroup);
      const reply = await api.as(admin).put('/seasons/{id}/members/{memberId}/pledges', {
        params: { id: s.seasonId, memberId: outsider },
        body,
      });
      expect(reply.status).toBe(422);
      expect(reply.body.message).toContain('not enrolled');
      expect(await storedPledges(t.dataSource, s.seasonId, outsider)).toEqual({});
      const month = await api.as(admin).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
        params: { id: s.seasonId, memberId: outsider, month: '2030-03' },
        body,
      });
      expect(month.status).toBe(422);
    });

    it('answers the member itself, for a season its group is not in, exactly as for a season that does not exist', async () => {
      // F6: "not enrolled" would tell the member that the season exists.
      const outsiderGroup = await consumerGroup(t.dataSource, r.consumerTerritoryId);
      const outsider = await member(t.dataSource, outsiderGroup);
      const token = await userToken(api, admin, 'member', { memberId: outsider });
      const unknown = { ...s, seasonId: NIL };
      const put = (id: string, month?: string) =>
        month
          ? api.as(token).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
              params: { id, memberId: outsider, month },
              body,
            })
          : api
              .as(token)
              .put('/seasons/{id}/members/{memberId}/pledges', { params: { id, memberId: outsider }, body });
      for (const month of [undefined, '2030-03']) {
        const theirs = await put(s.seasonId, month);
        const none = await put(unknown.seasonId, month);
        expect(theirs.status).toBe(404);
        expect(theirs.text).toBe(none.text);
      }
      const list = (seasonId: string) =>
        api
          .as(token)
          .get('/seasons/{id}/members/{memberId}/pledges', { params: { id: seasonId, memberId: outsider } });
      const [theirs, none] = [await list(s.seasonId), await list(NIL)];
      expect(theirs.status).toBe(404);
      expect(theirs.text).toBe(none.text);
      expect(await storedPledges(t.dataSource, s.seasonId, outsider)).toEqual({});
    });
  });

  it('concurrent PUTs for one member leave exactly one body in every open month, never a mix', async () => {
    const s = await seasonWithOffers(api, admin, r);
    const [a, b, c] = s.offers.map((o) => o.id);
    await setCycle(s, '2030-02', `status = 'locked'`);
    const bodies = Array.from({ length: 20 }, (_, i) => ({
      lines:
        i % 3 === 0
          ? [{ offerId: a, quantity: i + 1 }]
          : i % 3 === 1
            ? [
                { offerId: b, quantity: i + 1 },
                { offerId: c, quantity: 100 + i },
              ]
            : [
                { offerId: a, quantity: 200 + i },
                { offerId: b, quantity: 300 + i },
                { offerId: c, quantity: 400 + i },
              ],
    }));
    const replies = await Promise.all(
      bodies.map((lines, i) =>
        api
          .as(i % 2 === 0 ? tokens.self : tokens.coordinator)
          .put('/seasons/{id}/members/{memberId}/pledges', {
            params: { id: s.seasonId, memberId },
            body: lines,
          }),
      ),
    );
    expect(replies.map((reply) => reply.status)).toEqual(bodies.map(() => 200));
    const stored = await storedPledges(t.dataSource, s.seasonId, memberId);
    expect(Object.keys(stored)).toEqual(['2030-03', '2030-04', '2030-05']);
    const asMap = (body: (typeof bodies)[number]) =>
      Object.fromEntries(body.lines.map((l) => [l.offerId, l.quantity]));
    const winners = bodies.filter(
      (body) => JSON.stringify(sorted(asMap(body))) === JSON.stringify(sorted(stored['2030-03'])),
    );
    expect(winners).toHaveLength(1);
    for (const month of ['2030-04', '2030-05'])
      expect(sorted(stored[month])).toEqual(sorted(stored['2030-03']));
  });

  it('a transporter of another season and an unrelated one cannot read either (403 by role)', async () => {
    const token = await userToken(api, admin, 'transporter', {
      transportOrganiserId: await transportOrganiser(t.dataSource),
    });
    const s = await seasonWithOffers(api, admin, r);
    expect(
      (
        await api
          .as(token)
          .get('/seasons/{id}/members/{memberId}/pledges', { params: { id: s.seasonId, memberId } })
      ).status,
    ).toBe(403);
  });
});

function sorted(map: Record<string, number>): [string, number][] {
  return Object.entries(map).sort(([x], [y]) => x.localeCompare(y));
}
