import { openApiDocument } from '../support/openapi';
import { registry, seasonWithOffers, type Registry, type SeasonSetup } from '../support/season-fixtures';
import { Api } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';

interface ParsedEvent {
  uid: string;
  summary: string;
  start: { isDate: boolean; iso: string; zone: string };
}

/** The feed read back by ical.js, a real RFC 5545 parser. */
async function parse(text: string): Promise<{ name: string; events: ParsedEvent[] }> {
  const ICAL = (await import('ical.js')).default;
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    name: String(calendar.getFirstPropertyValue('x-wr-calname')),
    events: calendar.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        summary: event.summary,
        start: {
          isDate: event.startDate.isDate,
          iso: event.startDate.isDate ? event.startDate.toString() : event.startDate.toJSDate().toISOString(),
          zone: event.startDate.zone?.tzid ?? '',
        },
      };
    }),
  };
}

describe('calendar feed: GET /calendar/:feedToken.ics', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let r: Registry;
  let season: SeasonSetup;
  let member: string;
  let cooperative: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    r = await registry(t.dataSource, { groups: 1, membersPerGroup: 1 });
    season = await seasonWithOffers(api, admin, r);
    member = await userToken(api, admin, 'member', { memberId: r.membersByGroup[0][0] });
    cooperative = await userToken(api, admin, 'cooperative', { cooperativeId: r.cooperativeIds[0] });
  });
  afterAll(() => t.close());

  const feedPath = async (token: string) => {
    const url: string = (await api.as(token).get('/me')).body.calendarUrl;
    return new URL(url).pathname;
  };

  it('serves the member’s seasons’ deadlines, which a real parser reads, in its territory’s language', async () => {
    const reply = await api.anonymous().request('GET', await feedPath(member));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const feed = await parse(reply.text);
    expect(feed.name).toBe('Échéances Proxima'); // a Belgian group: French unless the user chose
    const cycles = (await api.as(admin).get('/seasons/{id}/cycles', { params: { id: season.seasonId } }))
      .body;
    expect(feed.events).toHaveLength(cycles.length * 4);
    const first = cycles[0];
    const byUid = Object.fromEntries(feed.events.map((e) => [e.uid.split('@')[0], e]));
    expect(byUid[`${first.id}-lock`].start).toEqual({ isDate: false, iso: first.locksAt, zone: 'UTC' });
    expect(byUid[`${first.id}-lock`].summary).toContain('clôture des engagements de février 2030');
    expect(byUid[`${first.id}-confirm`].start.iso).toBe(first.confirmBy);
    expect(byUid[`${first.id}-loading`].start).toMatchObject({ isDate: true, iso: first.loadingDate });
    expect(byUid[`${first.id}-delivery`].start).toMatchObject({ isDate: true, iso: '2030-02-04' });
  });

  it('follows the user’s own language once it has one', async () => {
    const [{ id }] = await t.dataSource.query(
      `SELECT id FROM users WHERE member_id = $1 ORDER BY created_at LIMIT 1`,
      [r.membersByGroup[0][0]],
    );
    await t.dataSource.query(`UPDATE users SET locale = 'ar' WHERE id = $1`, [id]);
    const feed = await parse((await api.anonymous().request('GET', await feedPath(member))).text);
    expect(feed.name).toBe('مواعيد بروكسيما');
    await t.dataSource.query(`UPDATE users SET locale = NULL WHERE id = $1`, [id]);
  });

  it('serves a Moroccan cooperative in Arabic', async () => {
    const feed = await parse((await api.anonymous().request('GET', await feedPath(cooperative))).text);
    expect(feed.name).toBe('مواعيد بروكسيما');
    expect(feed.events.length).toBeGreaterThan(0);
  });

  it('stops serving a rotated token at once, and answers 404 for any unknown one', async () => {
    const old = await feedPath(member);
    const rotated = await api.as(member).post('/me/calendar-token');
    expect(rotated.status).toBe(200);
    expect((await api.anonymous().request('GET', old)).status).toBe(404);
    expect((await api.anonymous().request('GET', new URL(rotated.body.calendarUrl).pathname)).status).toBe(
      200,
    );
    const unknown = await api
      .anonymous()
      .get('/calendar/{feedToken}.ics', { params: { feedToken: 'A'.repeat(43) } });
    expect(unknown.status).toBe(404);
    expect(
      (await api.anonymous().get('/calendar/{feedToken}.ics', { params: { feedToken: 'short' } })).status,
    ).toBe(404);
  });

  it('is in /docs-json', async () => {
    const doc = await openApiDocument(t);
    expect(Object.keys(doc.paths)).toContain('/api/v1/calendar/{feedToken}.ics');
  });
});
