import { Api, type Invalid } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import { registry, seasonBody, seasonTableCounts, type Registry } from '../support/season-fixtures';
import { consumerGroup, territory, transportOrganiser } from '../support/rows';

const NIL = '00000000-0000-4000-8000-000000000000';

describe('seasons', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let r: Registry;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    r = await registry(t.dataSource);
  });
  afterAll(() => t.close());

  const createSeason = async (overrides: Parameters<typeof seasonBody>[1] = {}) => {
    const reply = await api.as(admin).post('/seasons', { body: seasonBody(r, overrides) });
    if (reply.status !== 201) throw new Error(`season: ${reply.status} ${reply.text}`);
    return reply.body;
  };

  describe('creation', () => {
    it('creates the season with one open cycle per month, dated in the consumer time zone', async () => {
      const body = seasonBody(r);
      const reply = await api.as(admin).post('/seasons', { body });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        ...body,
        id: expect.any(String),
        calendar: { lockDay: 10, confirmationDays: 5, loadingDay: 1 },
      });
      // Europe/Brussels moves to summer time on 2030-03-31: the lock at the end of 10 April is at +02:00.
      expect(
        reply.body.cycles.map(
          ({ month, status, locksAt, confirmBy, loadingDate }: Record<string, string>) => [
            month,
            status,
            locksAt,
            confirmBy,
            loadingDate,
          ],
        ),
      ).toEqual([
        ['2030-02', 'open', '2030-01-10T23:00:00.000Z', '2030-01-15T23:00:00.000Z', '2030-02-01'],
        ['2030-03', 'open', '2030-02-10T23:00:00.000Z', '2030-02-15T23:00:00.000Z', '2030-03-01'],
        ['2030-04', 'open', '2030-03-10T23:00:00.000Z', '2030-03-15T23:00:00.000Z', '2030-04-01'],
        ['2030-05', 'open', '2030-04-10T22:00:00.000Z', '2030-04-15T22:00:00.000Z', '2030-05-01'],
      ]);
      const rows = await t.dataSource.query(
        `SELECT month, status, locks_at, confirm_by, loading_date::text AS loading_date FROM cycles WHERE season_id = $1 ORDER BY month`,
        [reply.body.id],
      );
      expect(rows).toHaveLength(4);
      expect(rows[3].locks_at.toISOString()).toBe('2030-04-10T22:00:00.000Z');
      expect(rows[3].loading_date).toBe('2030-05-01');
      const organisers = await t.dataSource.query(
        `SELECT transport_organiser_id FROM season_transport_organisers WHERE season_id = $1`,
        [reply.body.id],
      );
      expect(organisers.map((o: { transport_organiser_id: string }) => o.transport_organiser_id)).toEqual(
        r.transportOrganiserIds,
      );

      const one = await api.as(admin).get('/seasons/{id}', { params: { id: reply.body.id } });
      expect(one.status).toBe(200);
      expect(one.body).toEqual(reply.body);
      const list = await api.as(admin).get('/seasons', { query: { limit: 500 } });
      expect(list.status).toBe(200);
      const { cycles: _cycles, ...withoutCycles } = reply.body;
      expect(list.body.items).toContainEqual(withoutCycles);
      expect(list.body.total).toBeGreaterThanOrEqual(1);
    });

    it('takes a calendar: a lock day past February’s end and confirmation days across the change to summer time', async () => {
      const season = await createSeason({
        firstMonth: '2030-03',
        lastMonth: '2030-04',
        calendar: { lockDay: 30, confirmationDays: 3, loadingDay: 31 },
      });
      expect(season.calendar).toEqual({ lockDay: 30, confirmationDays: 3, loadingDay: 31, reminderDays: 3 });
      expect(
        season.cycles.map((c: Record<string, string>) => [c.month, c.locksAt, c.confirmBy, c.loadingDate]),
      ).toEqual([
        ['2030-03', '2030-02-28T23:00:00.000Z', '2030-03-03T23:00:00.000Z', '2030-03-31'],
        // locks at midnight starting 31 March (CET), confirms by midnight starting 3 April (CEST)
        ['2030-04', '2030-03-30T23:00:00.000Z', '2030-04-02T22:00:00.000Z', '2030-04-30'],
      ]);
    });

    it('fills calendar fields left out with the defaults and computes in the consumer territory’s zone', async () => {
      const season = await createSeason({
        firstMonth: '2030-12',
        lastMonth: '2031-01',
        calendar: { confirmationDays: 0 },
        exchangeRate: 0.0921234567,
      });
      expect(season.calendar).toEqual({ lockDay: 10, confirmationDays: 0, loadingDay: 1, reminderDays: 3 });
      expect(season.exchangeRate).toBe(0.0921234567);
      expect(season.cycles.map((c: Record<string, string>) => c.locksAt)).toEqual([
        '2030-11-10T23:00:00.000Z',
        '2030-12-10T23:00:00.000Z',
      ]);
      expect(season.cycles[0].confirmBy).toBe(season.cycles[0].locksAt);
    });

    it('accepts a season of exactly 24 months', async () => {
      const season = await createSeason({ firstMonth: '2031-01', lastMonth: '2032-12' });
      expect(season.cycles).toHaveLength(24);
      expect(season.cycles[23].month).toBe('2032-12');
    });
  });

  describe('rejects bad seasons, writing nothing', () => {
    let otherTerritoryId: string;
    beforeAll(async () => {
      otherTerritoryId = await territory(t.dataSource, 'FR', 'Europe/Paris', 'EUR');
    });

    const cases: [string, () => Record<string, unknown>, string][] = [
      ['an unknown partnership', () => ({ partnershipId: NIL }), 'partnershipId'],
      [
        'a producer territory outside the partnership',
        () => ({ producerTerritoryId: otherTerritoryId }),
        'producerTerritoryId',
      ],
      [
        'a consumer territory outside the partnership',
        () => ({ consumerTerritoryId: otherTerritoryId }),
        'consumerTerritoryId',
      ],
      [
        'the same territory twice',
        () => ({ consumerTerritoryId: r.producerTerritoryId }),
        'consumerTerritoryId',
      ],
      ['a last month before the first', () => ({ firstMonth: '2030-05', lastMonth: '2030-04' }), 'lastMonth'],
      ['25 months', () => ({ firstMonth: '2030-01', lastMonth: '2032-01' }), 'lastMonth'],
      ['a malformed month', () => ({ firstMonth: '2030-13' }), 'firstMonth'],
      ['a bad currency', () => ({ currency: 'EURO' }), 'currency'],
      ['a zero exchange rate', () => ({ exchangeRate: 0 }), 'exchangeRate'],
      ['a negative exchange rate', () => ({ exchangeRate: -2 }), 'exchangeRate'],
      ['an exchange rate with 11 decimals', () => ({ exchangeRate: 1.12345678901 }), 'exchangeRate'],
      ['an exchange rate as a string', () => ({ exchangeRate: '10.5' }), 'exchangeRate'],
      ['an unknown pickup point', () => ({ pickupPointId: NIL }), 'pickupPointId'],
      [
        'a pickup point in the consumer territory',
        () => ({ pickupPointId: r.consumerSidePickupPointId }),
        'pickupPointId',
      ],
      ['no transport organiser', () => ({ transportOrganiserIds: [] }), 'transportOrganiserIds'],
      [
        'an unknown transport organiser',
        () => ({ transportOrganiserIds: [r.transportOrganiserIds[0], NIL] }),
        'transportOrganiserIds',
      ],
      [
        'a transport organiser twice',
        () => ({ transportOrganiserIds: [r.transportOrganiserIds[0], r.transportOrganiserIds[0]] }),
        'transportOrganiserIds',
      ],
      [
        '21 transport organisers',
        () => ({ transportOrganiserIds: Array.from({ length: 21 }, () => NIL) }),
        'transportOrganiserIds',
      ],
      ['a lock day 0', () => ({ calendar: { lockDay: 0 } }), 'calendar.lockDay'],
      ['a lock day 32', () => ({ calendar: { lockDay: 32 } }), 'calendar.lockDay'],
      ['29 confirmation days', () => ({ calendar: { confirmationDays: 29 } }), 'calendar.confirmationDays'],
      ['a loading day 1.5', () => ({ calendar: { loadingDay: 1.5 } }), 'calendar.loadingDay'],
      ['an unknown calendar field', () => ({ calendar: { lockDay: 5, closingDay: 3 } }), 'closingDay'],
      ['a calendar that is not an object', () => ({ calendar: 10 }), 'calendar'],
      ['an unknown field', () => ({ vintage: 2030 }), 'vintage'],
      ['an empty name', () => ({ name: '' }), 'name'],
    ];
    it.each(cases)('%s (400)', async (_what, overrides, field) => {
      const before = await seasonTableCounts(t.dataSource, r.partnershipId);
      const reply = await api.as(admin).post('/seasons', { body: seasonBody(r, overrides() as Invalid) });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(reply.body.message).toContain(field);
      expect(await seasonTableCounts(t.dataSource, r.partnershipId)).toEqual(before);
    });
  });

  describe('enrolment', () => {
    it('enrols a group of the consumer territory once', async () => {
      const season = await createSeason();
      const reply = await api.as(admin).post('/seasons/{id}/groups', {
        params: { id: season.id },
        body: { consumerGroupId: r.groupIds[0] },
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        seasonId: season.id,
        consumerGroupId: r.groupIds[0],
        name: expect.any(String),
        enrolledAt: expect.any(String),
      });
      const again = await api.as(admin).post('/seasons/{id}/groups', {
        params: { id: season.id },
        body: { consumerGroupId: r.groupIds[0] },
      });
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('consumerGroupId');
      const list = await api.as(admin).get('/seasons/{id}/groups', { params: { id: season.id } });
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [reply.body], total: 1 });
    });

    it.each([
      ['a group of the producer territory', () => r.producerSideGroupId],
      ['an unknown group', () => NIL],
      ['a malformed id', () => 'group-1'],
    ])('rejects %s with 400, enrolling nothing', async (_what, groupId) => {
      const season = await createSeason();
      const reply = await api
        .as(admin)
        .post('/seasons/{id}/groups', { params: { id: season.id }, body: { consumerGroupId: groupId() } });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toContain('consumerGroupId');
      expect(
        (await t.dataSource.query(`SELECT 1 FROM season_groups WHERE season_id = $1`, [season.id])).length,
      ).toBe(0);
    });

    it('answers 404 for an unknown season', async () => {
      expect(
        (
          await api
            .as(admin)
            .post('/seasons/{id}/groups', { params: { id: NIL }, body: { consumerGroupId: r.groupIds[0] } })
        ).status,
      ).toBe(404);
      expect((await api.as(admin).get('/seasons/{id}/groups', { params: { id: NIL } })).status).toBe(404);
    });
  });

  describe('offers', () => {
    const offerBody = (overrides: Record<string, unknown> = {}) => ({
      cooperativeId: r.cooperativeIds[0],
      productId: r.productIds[0],
      unitPriceMinor: 350,
      packSize: 10,
      monthlyCapacity: 2000,
      ...overrides,
    });

    it('creates offers, refuses a second one of a cooperative for a product, and lists them', async () => {
      const season = await createSeason();
      const created = await api
        .as(admin)
        .post('/seasons/{id}/offers', { params: { id: season.id }, body: offerBody() });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ ...offerBody(), id: expect.any(String), seasonId: season.id });
      const big = await api.as(admin).post('/seasons/{id}/offers', {
        params: { id: season.id },
        body: offerBody({ productId: r.productIds[1], unitPriceMinor: 1_000_000_000_000 }),
      });
      expect(big.status).toBe(201);
      expect(big.body.unitPriceMinor).toBe(1_000_000_000_000);
      const duplicate = await api.as(admin).post('/seasons/{id}/offers', {
        params: { id: season.id },
        body: offerBody({ unitPriceMinor: 400 }),
      });
      expect(duplicate.status).toBe(409);
      const list = await api.as(admin).get('/seasons/{id}/offers', { params: { id: season.id } });
      expect(list.status).toBe(200);
      expect(list.body).toEqual({
        items: [created.body, big.body].map((offer) => ({
          ...offer,
          currency: 'EUR',
          product: expect.objectContaining({ id: offer.productId, hsCode: '080510' }),
          cooperative: expect.objectContaining({ id: offer.cooperativeId }),
        })),
        total: 2,
      });
    });

    it.each([
      [
        'a cooperative of the consumer territory',
        () => ({ cooperativeId: r.consumerSideCooperativeId }),
        'cooperativeId',
      ],
      ['an unknown cooperative', () => ({ cooperativeId: NIL }), 'cooperativeId'],
      ['an unknown product', () => ({ productId: NIL }), 'productId'],
      ['a price above 10^12', () => ({ unitPriceMinor: 1_000_000_000_001 }), 'unitPriceMinor'],
      ['a negative price', () => ({ unitPriceMinor: -1 }), 'unitPriceMinor'],
      ['a pack size 0', () => ({ packSize: 0 }), 'packSize'],
      ['a pack size 10001', () => ({ packSize: 10_001 }), 'packSize'],
      ['a fractional capacity', () => ({ monthlyCapacity: 10.5 }), 'monthlyCapacity'],
      ['a capacity above 10^9', () => ({ monthlyCapacity: 1_000_000_001 }), 'monthlyCapacity'],
      ['an unknown field', () => ({ organic: true }), 'organic'],
    ])('rejects %s with 400, writing nothing', async (_what, overrides, field) => {
      const season = await createSeason();
      const reply = await api
        .as(admin)
        .post('/seasons/{id}/offers', { params: { id: season.id }, body: offerBody(overrides()) });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toContain(field);
      expect(
        (await t.dataSource.query(`SELECT 1 FROM offers WHERE season_id = $1`, [season.id])).length,
      ).toBe(0);
    });

    it('answers 404 for an unknown season', async () => {
      expect(
        (await api.as(admin).post('/seasons/{id}/offers', { params: { id: NIL }, body: offerBody() })).status,
      ).toBe(404);
      expect((await api.as(admin).get('/seasons/{id}/offers', { params: { id: NIL } })).status).toBe(404);
    });
  });

  describe('who may read a season', () => {
    let seasonId: string;
    let tokens: Record<string, string>;

    beforeAll(async () => {
      const season = await createSeason();
      seasonId = season.id;
      await api
        .as(admin)
        .post('/seasons/{id}/groups', { params: { id: seasonId }, body: { consumerGroupId: r.groupIds[0] } });
      const offer = await api.as(admin).post('/seasons/{id}/offers', {
        params: { id: seasonId },
        body: {
          cooperativeId: r.cooperativeIds[0],
          productId: r.productIds[0],
          unitPriceMinor: 300,
          packSize: 5,
          monthlyCapacity: 100,
        },
      });
      expect(offer.status).toBe(201);
      const strangerGroup = await consumerGroup(t.dataSource, r.consumerTerritoryId);
      tokens = {
        coordinator: await userToken(api, admin, 'coordinator', { consumerGroupId: r.groupIds[0] }),
        member: await userToken(api, admin, 'member', { memberId: r.membersByGroup[0][0] }),
        cooperative: await userToken(api, admin, 'cooperative', { cooperativeId: r.cooperativeIds[0] }),
        transporter: await userToken(api, admin, 'transporter', {
          transportOrganiserId: r.transportOrganiserIds[0],
        }),
        otherCoordinator: await userToken(api, admin, 'coordinator', { consumerGroupId: strangerGroup }),
        otherMember: await userToken(api, admin, 'member', { memberId: r.membersByGroup[1][0] }),
        otherCooperative: await userToken(api, admin, 'cooperative', { cooperativeId: r.cooperativeIds[1] }),
        otherTransporter: await userToken(api, admin, 'transporter', {
          transportOrganiserId: await transportOrganiser(t.dataSource),
        }),
      };
    });

    it.each(['coordinator', 'member', 'cooperative', 'transporter'])(
      'a %s taking part reads the season, its cycles and offers',
      async (who) => {
        const season = await api.as(tokens[who]).get('/seasons/{id}', { params: { id: seasonId } });
        expect(season.status).toBe(200);
        expect(season.body.id).toBe(seasonId);
        const cycles = await api.as(tokens[who]).get('/seasons/{id}/cycles', { params: { id: seasonId } });
        expect(cycles.status).toBe(200);
        expect(cycles.body).toHaveLength(4);
        expect(cycles.body[0]).toEqual({ ...season.body.cycles[0], seasonId, charterVersion: null });
        const offers = await api.as(tokens[who]).get('/seasons/{id}/offers', { params: { id: seasonId } });
        expect(offers.status).toBe(200);
        expect(offers.body.total).toBe(1);
      },
    );

    it.each(['otherCoordinator', 'otherMember', 'otherCooperative', 'otherTransporter'])(
      '%s gets 404',
      async (who) => {
        for (const path of ['', '/cycles', '/offers']) {
          const reply = await api
            .as(tokens[who])
            .get('/seasons/{id}', { params: { id: `${seasonId}${path}` } });
          expect(reply.status).toBe(404);
          expect(reply.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
        }
      },
    );

    it('an admin gets 404 for an unknown season and 400 for a malformed id', async () => {
      expect((await api.as(admin).get('/seasons/{id}', { params: { id: NIL } })).status).toBe(404);
      expect((await api.as(admin).get('/seasons/{id}/cycles', { params: { id: NIL } })).status).toBe(404);
      expect((await api.as(admin).get('/seasons/{id}', { params: { id: 'nope' } })).status).toBe(400);
    });

    it('needs a token, and the admin role to write or list groups', async () => {
      expect((await api.anonymous().get('/seasons/{id}', { params: { id: seasonId } })).status).toBe(401);
      expect((await api.anonymous().post('/seasons', { body: seasonBody(r) })).status).toBe(401);
      for (const who of ['coordinator', 'member', 'cooperative', 'transporter']) {
        const as = api.as(tokens[who]);
        expect((await as.post('/seasons', { body: seasonBody(r) })).status).toBe(403);
        expect((await as.get('/seasons')).status).toBe(200); // their own part: test/people/discovery
        expect(
          (
            await as.post('/seasons/{id}/groups', {
              params: { id: seasonId },
              body: { consumerGroupId: r.groupIds[1] },
            })
          ).status,
        ).toBe(403);
        expect((await as.get('/seasons/{id}/groups', { params: { id: seasonId } })).status).toBe(403);
        expect(
          (
            await as.post('/seasons/{id}/offers', {
              params: { id: seasonId },
              body: {
                cooperativeId: r.cooperativeIds[1],
                productId: r.productIds[1],
                unitPriceMinor: 1,
                packSize: 1,
                monthlyCapacity: 1,
              },
            })
          ).status,
        ).toBe(403);
      }
    });
  });
});
