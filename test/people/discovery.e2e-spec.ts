import { registry, seasonWithOffers, type SeasonSetup } from '../support/season-fixtures';
import { openApiDocument } from '../support/openapi';
import { Api, type Invalid } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import { buildWorld, worldTokens, type World, type WorldTokens } from '../security/world';

const NIL = '00000000-0000-4000-8000-000000000000';

/**
 * Discovery: every role finds, with the API alone, its seasons, their offers, cycles and dates,
 * and what it must do next (GET /me). Another organisation's season answers exactly as an id
 * that does not exist.
 */
describe('discovery: /me, seasons, offers, cycles and live demand for every role', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let w: World;
  let tokens: WorldTokens;
  let other: SeasonSetup;
  let otherMember: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    w = await buildWorld(t, api, admin);
    tokens = await worldTokens(api, admin, w);
    const r2 = await registry(t.dataSource, { groups: 1, membersPerGroup: 1, cooperatives: 2 });
    other = await seasonWithOffers(api, admin, r2);
    otherMember = await userToken(api, admin, 'member', { memberId: r2.membersByGroup[0][0] });
  }, 120_000);
  afterAll(() => t.close());

  const me = async (token: string) => {
    const reply = await api.as(token).get('/me');
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const seasonOf = (body: { seasons: { id: string }[] }) =>
    body.seasons.find((s) => s.id === w.season.seasonId);
  const cycle = async (id: string) => (await api.as(admin).get('/cycles/{id}', { params: { id } })).body;

  describe('GET /me', () => {
    it('tells a member who it is, its group, and to pledge on the open month before it locks', async () => {
      const body = await me(tokens.member);
      expect(body.user).toEqual({
        id: expect.any(String),
        email: expect.stringContaining('@test.example'),
        role: 'member',
        locale: null,
        memberId: w.memberId,
        notifications: { 'cycle.closing': true, 'cycle.allocated': true, 'statement.ready': true },
      });
      expect(body.organisation).toEqual({ type: 'consumer_group', id: w.groupId, name: expect.any(String) });
      expect(body.seasons.map((s: { id: string }) => s.id)).toEqual([w.season.seasonId]);
      const open = await cycle(w.cycles.open);
      expect(seasonOf(body)).toEqual({
        id: w.season.seasonId,
        name: expect.any(String),
        firstMonth: w.months.settled,
        lastMonth: w.months.open,
        currency: 'EUR',
        timeZone: 'Europe/Brussels',
        next: {
          cycleId: w.cycles.open,
          month: w.months.open,
          status: 'open',
          action: 'pledge',
          deadline: open.locksAt,
          loadingDate: open.loadingDate,
        },
      });
      expect(body.calendarUrl).toMatch(
        /^http:\/\/localhost:3000\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/,
      );
    });

    it('sends the coordinator to record what arrived for the dispatched month, due 3 days after loading', async () => {
      const body = await me(tokens.coordinator);
      expect(body.organisation).toMatchObject({ type: 'consumer_group', id: w.groupId });
      const dispatched = await cycle(w.cycles.dispatched);
      const [{ at }] = await t.dataSource.query(
        `SELECT ($1::date::timestamp AT TIME ZONE 'Africa/Casablanca') AS at`,
        [dispatched.loadingDate],
      );
      const loadingAt = (at as Date).getTime(); // the start of the loading day at the pickup point
      expect(seasonOf(body)!).toMatchObject({
        next: { cycleId: w.cycles.dispatched, action: 'record_receipt', status: 'dispatched' },
      });
      expect(Date.parse((seasonOf(body) as any).next.deadline) - loadingAt).toBe(3 * 86_400_000);
    });

    it('asks the cooperative to confirm the confirming month by confirmBy', async () => {
      const body = await me(tokens.cooperative);
      expect(body.organisation).toMatchObject({ type: 'cooperative', id: w.cooperativeId });
      const confirming = await cycle(w.cycles.confirming);
      expect((seasonOf(body) as any).next).toEqual({
        cycleId: w.cycles.confirming,
        month: w.months.confirming,
        status: 'confirming',
        action: 'confirm',
        deadline: confirming.confirmBy,
        loadingDate: confirming.loadingDate,
      });
    });

    it('gives the transporter the dispatched month to carry, and the admin the next stage to run', async () => {
      const transporter = await me(tokens.transporter);
      expect(transporter.organisation).toMatchObject({ type: 'transport_organiser', id: w.organiserId });
      expect((seasonOf(transporter) as any).next).toMatchObject({
        cycleId: w.cycles.dispatched,
        action: 'carry',
      });
      const asAdmin = await me(admin);
      expect(asAdmin.organisation).toBeNull();
      expect((seasonOf(asAdmin) as any).next).toMatchObject({
        cycleId: w.cycles.dispatched,
        action: 'run_stage',
      });
    });

    it('keeps the calendar URL until it is rotated, then shows the new one', async () => {
      const first = (await me(tokens.member)).calendarUrl;
      expect((await me(tokens.member)).calendarUrl).toBe(first);
      const rotated = await api.as(tokens.member).post('/me/calendar-token');
      expect(rotated.status).toBe(200);
      expect(rotated.body.calendarUrl).not.toBe(first);
      expect((await me(tokens.member)).calendarUrl).toBe(rotated.body.calendarUrl);
      expect((await me(tokens.coordinator)).calendarUrl).not.toBe(rotated.body.calendarUrl);
    });

    it('answers 401 without a token', async () => {
      expect((await api.anonymous().get('/me')).status).toBe(401);
      expect((await api.anonymous().post('/me/calendar-token')).status).toBe(401);
    });
  });

  describe('GET /seasons and /seasons/:id', () => {
    it('lists to every role its own seasons only; the admin sees both', async () => {
      for (const token of Object.values(tokens)) {
        const reply = await api.as(token).get('/seasons', { query: { limit: 100 } });
        expect(reply.status).toBe(200);
        expect(reply.body.items.map((s: { id: string }) => s.id)).toEqual([w.season.seasonId]);
        expect(reply.body.total).toBe(1);
        expect(reply.body.items[0]).toMatchObject({
          timeZone: 'Europe/Brussels',
          calendar: { reminderDays: 3 },
        });
      }
      const asOther = await api.as(otherMember).get('/seasons');
      expect(asOther.body.items.map((s: { id: string }) => s.id)).toEqual([other.seasonId]);
      const all = await api.as(admin).get('/seasons', { query: { limit: 100 } });
      const ids = all.body.items.map((s: { id: string }) => s.id);
      expect(ids).toEqual(expect.arrayContaining([w.season.seasonId, other.seasonId]));
    });

    it('answers another organisation’s season exactly as a season that does not exist', async () => {
      for (const path of ['', '/cycles', '/offers', '/demand']) {
        const foreign = await api
          .as(tokens.member)
          .get('/seasons/{id}', { params: { id: `${other.seasonId}${path}` } });
        const missing = await api.as(tokens.member).get('/seasons/{id}', { params: { id: `${NIL}${path}` } });
        expect([foreign.status, foreign.body]).toEqual([404, missing.body]);
        expect(missing.status).toBe(404);
      }
      for (const token of [tokens.cooperative, tokens.transporter, tokens.coordinator]) {
        const foreign = await api.as(token).get('/seasons/{id}', { params: { id: other.seasonId } });
        expect(foreign.status).toBe(404);
      }
    });

    it('names a malformed id and a bad page', async () => {
      const bad = await api.as(tokens.member).get('/seasons/{id}', { params: { id: 'not-a-uuid' } });
      expect(bad.status).toBe(400);
      const page = await api.as(tokens.member).get('/seasons', { query: { limit: 0 } });
      expect(page.status).toBe(400);
      expect(page.body.message).toEqual(expect.stringContaining('limit'));
      const unknown = await api.as(tokens.member).get('/seasons', { query: { colour: 'red' } as Invalid });
      expect(unknown.status).toBe(400);
    });
  });

  describe('GET /seasons/:id/offers', () => {
    it('shows the season’s people each offer with product, cooperative, territory, price and pack', async () => {
      for (const token of [tokens.member, tokens.coordinator, tokens.cooperative]) {
        const reply = await api.as(token).get('/seasons/{id}/offers', { params: { id: w.season.seasonId } });
        expect(reply.status).toBe(200);
        expect(reply.body.total).toBe(3);
        expect(reply.body.items[0]).toEqual({
          id: w.season.offers[0].id,
          seasonId: w.season.seasonId,
          cooperativeId: w.cooperativeId,
          productId: w.season.offers[0].productId,
          unitPriceMinor: 250,
          packSize: 6,
          monthlyCapacity: 1000,
          currency: 'EUR',
          product: {
            id: w.season.offers[0].productId,
            name: expect.stringContaining('oranges'),
            hsCode: '080510',
            unit: '1 kg bag',
            unitNetKg: 1,
            unitGrossKg: 1.05,
            category: 'fruit',
          },
          cooperative: {
            id: w.cooperativeId,
            name: expect.stringContaining('coop'),
            territory: { id: w.r.producerTerritoryId, name: expect.any(String), countryCode: 'MA' },
          },
        });
      }
    });
  });

  describe('GET /seasons/:id/cycles and /cycles/:id', () => {
    it('gives every role of the season the dates and the time zone to show them in', async () => {
      for (const token of Object.values(tokens)) {
        const list = await api.as(token).get('/seasons/{id}/cycles', { params: { id: w.season.seasonId } });
        expect(list.status).toBe(200);
        expect(list.body.map((c: { status: string }) => c.status)).toEqual([
          'settled',
          'dispatched',
          'confirming',
          'open',
        ]);
        const one = await api.as(token).get('/cycles/{id}', { params: { id: w.cycles.open } });
        expect(one.status).toBe(200);
        expect(one.body).toMatchObject({
          id: w.cycles.open,
          timeZone: 'Europe/Brussels',
          locksAt: list.body[3].locksAt,
          confirmBy: list.body[3].confirmBy,
          loadingDate: list.body[3].loadingDate,
        });
        const foreign = await api
          .as(token)
          .get('/cycles/{id}', { params: { id: other.cycleIds[other.months[0]] } });
        expect(foreign.status).toBe(404);
      }
    });
  });

  describe('GET /seasons/:id/demand', () => {
    it('shows members and coordinators the live demand of each open month against the export cap', async () => {
      for (const token of [tokens.member, tokens.coordinator]) {
        const reply = await api.as(token).get('/seasons/{id}/demand', { params: { id: w.season.seasonId } });
        expect(reply.status).toBe(200);
        // Four members pledged 8 of every offer; offer 3 (capacity 50, export share 0.5) is over its cap of 25.
        expect(reply.body).toEqual(
          w.season.offers.map((offer) => ({
            cycleId: w.cycles.open,
            month: w.months.open,
            offerId: offer.id,
            demand: 32,
            groupQuantity: 16,
            monthlyCapacity: offer.monthlyCapacity,
            exportCap: Math.floor(offer.monthlyCapacity / 2),
            overCap: offer.monthlyCapacity === 50,
          })),
        );
      }
      const asAdmin = await api.as(admin).get('/seasons/{id}/demand', { params: { id: w.season.seasonId } });
      expect(asAdmin.body[0]).toMatchObject({ demand: 32, groupQuantity: null });
    });

    it('moves with a pledge at once', async () => {
      const put = await api.as(tokens.member).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
        params: { id: w.season.seasonId, memberId: w.memberId, month: w.months.open },
        body: {
          lines: [{ offerId: w.season.offers[2].id, quantity: 0 }],
        },
      });
      expect(put.status).toBe(200);
      const reply = await api
        .as(tokens.member)
        .get('/seasons/{id}/demand', { params: { id: w.season.seasonId } });
      const third = reply.body.find((d: { offerId: string }) => d.offerId === w.season.offers[2].id);
      expect(third).toMatchObject({ demand: 24, groupQuantity: 8, exportCap: 25, overCap: false });
    });

    it('is not for cooperatives or transporters (403), nor another group (404)', async () => {
      expect(
        (await api.as(tokens.cooperative).get('/seasons/{id}/demand', { params: { id: w.season.seasonId } }))
          .status,
      ).toBe(403);
      expect(
        (await api.as(tokens.transporter).get('/seasons/{id}/demand', { params: { id: w.season.seasonId } }))
          .status,
      ).toBe(403);
      expect(
        (await api.as(otherMember).get('/seasons/{id}/demand', { params: { id: w.season.seasonId } })).status,
      ).toBe(404);
    });
  });

  it('documents every discovery route with its DTOs in /docs-json', async () => {
    const doc = await openApiDocument(t);
    for (const path of ['/api/v1/me', '/api/v1/me/calendar-token', '/api/v1/seasons/{id}/demand'])
      expect(doc.paths[path]).toBeDefined();
    for (const schema of ['MeDto', 'MeSeasonDto', 'NextStepDto', 'OfferViewDto', 'LiveDemandDto'])
      expect(doc.components.schemas[schema]).toBeDefined();
    expect(doc.components.schemas.NextStepDto.properties).toHaveProperty('action');
  });
});
