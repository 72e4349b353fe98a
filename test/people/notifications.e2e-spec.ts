import { StageRunner } from '../../src/cycles/stages/stage-runner';
import { kindsSentTo } from '../../src/notifications/domain/person-notification-kinds';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { PeopleNotificationsService } from '../../src/notifications/people/people-notifications.service';
import { QueueService } from '../../src/queue/queue.service';
import { QueueName } from '../../src/queue/jobs';
import { FIRST_TRY, startSmtpServer, type ReceivedMail } from '../notifications/support';
import { registry, seasonWithOffers, type Registry, type SeasonSetup } from '../support/season-fixtures';
import { Api, type Invalid } from '../support/api';
import { adminToken, startTestApp, unique, type TestApp } from '../support/test-app';
import { organicCertificate, vehicle } from '../support/rows';

/** The headers and the decoded text of a received mail (nodemailer: quoted-printable or base64). */
function readMail(mail: ReceivedMail): { headers: Record<string, string>; text: string } {
  const split = mail.raw.indexOf('\r\n\r\n');
  const head = mail.raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = mail.raw.slice(split + 4);
  const encoding = headers['content-transfer-encoding'];
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return { headers, text };
}

/** The subject, decoded from RFC 2047 encoded words. */
function subjectOf(headers: Record<string, string>): string {
  return (headers.subject ?? '').replace(
    /=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi,
    (_, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
  );
}

/**
 * Notifications to people through a whole cycle, driven by the real stages and the clock's
 * people tick, delivered to a real SMTP server: each kind reaches the right people once, in
 * their language, with the reason of every shortfall, and a one-click unsubscribe that works.
 */
describe('notifications to people', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let r: Registry;
  let season: SeasonSetup;
  let stages: StageRunner;
  let people: PeopleNotificationsService;
  let outbox: NotificationsService;
  const emails = {
    coordinator: `${unique('coordinator')}@test.example`,
    arabicMember: `${unique('member-ar')}@test.example`,
    cooperative: `${unique('coop-user')}@test.example`,
  };
  let memberEmails: string[];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      queuePrefix: unique('people'),
      publicUrl: 'https://proxima.test',
    });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    stages = t.app.get(StageRunner);
    people = t.app.get(PeopleNotificationsService);
    outbox = t.app.get(NotificationsService);
    r = await registry(t.dataSource, { groups: 2, membersPerGroup: 2, cooperatives: 2 });
    // Only the first cooperative is certified organic: the second one's offer is excluded.
    await organicCertificate(t.dataSource, r.cooperativeIds[0]);
    await vehicle(t.dataSource, r.transportOrganiserIds[0], {
      name: 'Truck',
      capacityKg: 20000,
      costPerKmMinor: 100,
    });
    season = await seasonWithOffers(api, admin, r);
    for (const [role, links, email, locale] of [
      ['coordinator', { consumerGroupId: r.groupIds[0] }, emails.coordinator, 'en'],
      ['member', { memberId: r.membersByGroup[0][0] }, emails.arabicMember, 'ar'],
      ['cooperative', { cooperativeId: r.cooperativeIds[0] }, emails.cooperative, null],
    ] as const) {
      const created = await api
        .as(admin)
        .post('/users', { body: { email, password: 'correct horse battery', role, ...links } });
      expect(created.status).toBe(201);
      await t.dataSource.query(`UPDATE users SET locale = $2 WHERE id = $1`, [created.body.id, locale]);
    }
    memberEmails = (
      await t.dataSource.query(`SELECT email FROM members WHERE id = ANY($1::uuid[]) ORDER BY email`, [
        r.membersByGroup.flat(),
      ])
    ).map((row: { email: string }) => row.email);
    // Three members pledge on every offer (offer 2: 3 × 100 = 300 > its export cap of 150); the
    // second group's second member pledges nothing.
    const [o1, o2, o3] = season.offers;
    for (const memberId of [...r.membersByGroup[0], r.membersByGroup[1][0]]) {
      const put = await api.as(admin).put('/seasons/{id}/members/{memberId}/pledges', {
        params: { id: season.seasonId, memberId },
        body: {
          lines: [
            { offerId: o1.id, quantity: 8 },
            { offerId: o2.id, quantity: 100 },
            { offerId: o3.id, quantity: 8 },
          ],
        },
      });
      expect(put.status).toBe(200);
    }
  }, 60_000);

  afterAll(async () => {
    await t.app.get(QueueService).queue(QueueName.Notifications).obliterate({ force: true });
    await t.close();
    await smtp.close();
  });

  /** The events a stage recorded for the cycle and not yet written. */
  const recordedEvents = async (cycleId: string): Promise<string[]> =>
    (
      await t.dataSource.query(`SELECT kind FROM people_events WHERE cycle_id = $1 ORDER BY kind`, [cycleId])
    ).map((row: { kind: string }) => row.kind);
  /**
   * What the workers do after a stage: the messages of the events it recorded written (their
   * jobs), then every pending notification of the cycle sent.
   */
  const deliver = async (cycleId: string) => {
    for (const kind of await recordedEvents(cycleId)) await people.writeEvent({ cycleId, kind });
    const pending: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM notifications WHERE cycle_id = $1 AND status = 'pending' ORDER BY created_at, id`,
      [cycleId],
    );
    for (const { id } of pending) await outbox.sendEmail({ notificationId: id }, FIRST_TRY);
  };
  const mailsOf = (kind: string, cycleId: string) =>
    t.dataSource.query(
      `SELECT target, recipient_type AS "recipientType", payload->>'locale' AS locale, status FROM notifications
        WHERE cycle_id = $1 AND payload->>'kind' = $2 ORDER BY target`,
      [cycleId, kind],
    );
  const received = (to: string, subjectPart: string) =>
    smtp.mails
      .filter((m) => m.to.includes(to))
      .map(readMail)
      .filter((m) => subjectOf(m.headers).includes(subjectPart));

  const month1 = () => season.months[0];
  const cycle1 = () => season.cycleIds[month1()];

  it('cycle.closing: reminds each member reminderDays before the lock, once, in its language', async () => {
    const cycle = (await api.as(admin).get('/cycles/{id}', { params: { id: cycle1() } })).body;
    const locksAt = Date.parse(cycle.locksAt);
    // The clock's tick covers every season in the database (other suites run beside this one):
    // count this cycle's reminders, not the tick's total.
    const closing = async () => (await mailsOf('cycle.closing', cycle1())).length;
    await people.tick(new Date(locksAt - 4 * 86_400_000));
    expect(await closing()).toBe(0); // not yet
    await people.tick(new Date(locksAt - 2 * 86_400_000));
    expect(await closing()).toBe(4);
    await people.tick(new Date(locksAt - 1 * 86_400_000));
    expect(await closing()).toBe(4); // once
    await deliver(cycle1());
    const rows = await mailsOf('cycle.closing', cycle1());
    // the member with a login is written to at its login's address, the others at their own
    const [{ email: replaced }] = await t.dataSource.query(`SELECT email FROM members WHERE id = $1`, [
      r.membersByGroup[0][0],
    ]);
    expect(rows.map((row: { target: string }) => row.target).sort()).toEqual(
      [emails.arabicMember, ...memberEmails.filter((email) => email !== replaced)].sort(),
    );
    const arabic = received(emails.arabicMember, 'تُغلق الالتزامات');
    expect(arabic).toHaveLength(1);
    expect(arabic[0].text).toContain('التزامك لهذا الشهر');
    expect(arabic[0].text).toContain(`https://proxima.test/seasons/${season.seasonId}/pledges/${month1()}`);
  });

  it('a one-click unsubscribe (RFC 8058) from the mail mutes that kind for a member without a login', async () => {
    const [someone] = await t.dataSource.query(`SELECT m.id, m.email FROM members m WHERE m.id = $1`, [
      r.membersByGroup[1][1],
    ]);
    const [mail] = received(someone.email, 'ferment bientôt'); // Belgian group, no login: French
    expect(mail.text).toContain('Vous ne vous êtes encore engagé·e sur rien ce mois-ci.');
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https:\/\/proxima\.test\/api\/v1\/unsubscribe\/[^>]+)>$/.exec(
      mail.headers['list-unsubscribe'],
    )![1];
    expect(mail.text).toContain(link);
    const path = new URL(link).pathname;
    const page = await api.anonymous().request('GET', path); // the link as the mail gives it
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post">');
    const posted = await api.anonymous().request('POST', path, 'List-Unsubscribe=One-Click', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect([posted.status, posted.body]).toEqual([200, { kind: 'cycle.closing', unsubscribed: true }]);
    const again = await api.anonymous().request('POST', path, 'List-Unsubscribe=One-Click', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(again.status).toBe(200);
    const [member] = await t.dataSource.query(`SELECT muted_notifications FROM members WHERE id = $1`, [
      someone.id,
    ]);
    expect(member.muted_notifications).toEqual(['cycle.closing']);
    // The next month's reminder skips that member, and only that member.
    const next = (
      await api.as(admin).get('/cycles/{id}', { params: { id: season.cycleIds[season.months[1]] } })
    ).body;
    await people.tick(new Date(Date.parse(next.locksAt) - 86_400_000));
    const targets = (await mailsOf('cycle.closing', next.id)).map((row: { target: string }) => row.target);
    expect(targets).toHaveLength(3);
    expect(targets).not.toContain(someone.email);
  });

  it('refuses a forged or altered unsubscribe link (404) and form bodies anywhere else (415)', async () => {
    expect(
      (await api.anonymous().post('/unsubscribe/{token}', { params: { token: 'not-a-token' } })).status,
    ).toBe(404);
    expect((await api.anonymous().get('/unsubscribe/{token}', { params: { token: 'abc.def' } })).status).toBe(
      404,
    );
    const form = await api.as(admin).post('/territories', {
      body: 'name=x' as Invalid,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(form.status).toBe(415);
  });

  it('cycle.locked: tells the coordinator the group’s commitments and who pledged nothing', async () => {
    expect(await stages.run(cycle1(), 'open')).toBe('moved');
    await deliver(cycle1());
    const [mail] = received(emails.coordinator, 'is locked');
    expect(mail.text).toMatch(/: 16 × 1 kg bag/); // two members × 8 on the first offer
    expect(mail.text).toContain('Every member pledged.');
    expect(await mailsOf('cycle.locked', cycle1())).toHaveLength(1);
  });

  it('cycle.allocated: each member learns what it gets and why it is less than pledged', async () => {
    expect(await stages.run(cycle1(), 'locked')).toBe('moved');
    const demand = await api.as(admin).get('/cycles/{id}/demand', {
      params: { id: cycle1() },
      query: { cooperativeId: r.cooperativeIds[0] },
    });
    const lines = demand.body.map((d: { offerId: string; quantity: number }) => ({
      offerId: d.offerId,
      // the first offer confirmed short (20 of 24), the second in full (above its export cap)
      quantity: d.offerId === season.offers[0].id ? d.quantity - 4 : d.quantity,
    }));
    const confirmed = await api.as(admin).put('/cycles/{id}/confirmations/{cooperativeId}', {
      params: { id: cycle1(), cooperativeId: r.cooperativeIds[0] },
      body: { lines },
    });
    expect(confirmed.status).toBe(200);
    expect(await stages.run(cycle1(), 'confirming')).toBe('moved');
    // Recorded with the allocation, written after it by the event's job: once, even when two
    // workers run that job at the same time.
    expect(await recordedEvents(cycle1())).toEqual(['cycle.allocated']);
    expect(await mailsOf('cycle.allocated', cycle1())).toEqual([]);
    const twice = await Promise.all(
      [1, 2].map(() => people.writeEvent({ cycleId: cycle1(), kind: 'cycle.allocated' })),
    );
    expect(twice.sort()).toEqual([0, 3]);
    await deliver(cycle1());
    const rows = await mailsOf('cycle.allocated', cycle1());
    expect(rows).toHaveLength(3); // the three members who pledged
    expect(rows.every((row: { status: string }) => row.status === 'sent')).toBe(true);
    const [arabic] = received(emails.arabicMember, 'حصتك');
    expect(arabic.text).toContain('أكدت التعاونية 20 من أصل 24'); // confirmed less
    expect(arabic.text).toContain('تجاوز الطلب (300)'); // export cap
    expect(arabic.text).toContain('استُبعد العرض بموجب الميثاق (لا توجد شهادة عضوية سارية)'); // excluded, with the rule
    const other = await t.dataSource.query(`SELECT email FROM members WHERE id = $1`, [
      r.membersByGroup[1][0],
    ]);
    const [french] = received(other[0].email, 'votre attribution');
    expect(french.text).toContain('la coopérative a confirmé 20 sur les 24 demandés');
    expect(french.text).toContain('l’offre a été exclue par la charte (pas de certificat bio valide)');
  });

  it('writes each event once however often it runs, and one statement per event', async () => {
    const before = smtp.mails.length;
    expect(await recordedEvents(cycle1())).toEqual([]); // taken by the jobs that wrote them
    expect(await people.writeEvent({ cycleId: cycle1(), kind: 'cycle.allocated' })).toBe(0);
    // Recorded again (a stage that ran twice could not, but a restored backup could): the
    // fan-out itself writes nothing it wrote before.
    await t.dataSource.query(
      `INSERT INTO people_events (cycle_id, kind) VALUES ($1, 'cycle.allocated'), ($1, 'cycle.locked')`,
      [cycle1()],
    );
    expect(await people.writeEvent({ cycleId: cycle1(), kind: 'cycle.allocated' })).toBe(0);
    expect(await people.writeEvent({ cycleId: cycle1(), kind: 'cycle.locked' })).toBe(0);
    expect(await recordedEvents(cycle1())).toEqual([]);
    await deliver(cycle1());
    expect(smtp.mails.length).toBe(before);
  });

  it('cycle.dispatched, then cycle.receipt_due 3 days after loading to a group that has not reported', async () => {
    expect(await stages.run(cycle1(), 'allocated')).toBe('moved');
    await deliver(cycle1());
    const [dispatched] = received(emails.coordinator, 'on their way');
    expect(dispatched.text).toMatch(/Truck \(road\): your group is stop \d of \d\. Expected:/);
    const cycle = (await api.as(admin).get('/cycles/{id}', { params: { id: cycle1() } })).body;
    const [{ at }] = await t.dataSource.query(
      `SELECT ($1::date::timestamp AT TIME ZONE 'Africa/Casablanca') AS at`,
      [cycle.loadingDate],
    );
    const loadingAt = (at as Date).getTime(); // the start of the loading day at the pickup point
    const receiptDue = async () => (await mailsOf('cycle.receipt_due', cycle1())).length;
    await people.tick(new Date(loadingAt + 2 * 86_400_000));
    expect(await receiptDue()).toBe(0);
    await people.tick(new Date(loadingAt + 3 * 86_400_000 + 60_000));
    expect(await receiptDue()).toBe(1);
    await people.tick(new Date(loadingAt + 4 * 86_400_000));
    expect(await receiptDue()).toBe(1);
    await deliver(cycle1());
    const [due] = received(emails.coordinator, 'please record what arrived');
    expect(due.text).toContain(`https://proxima.test/cycles/${cycle1()}/receipts`);
  });

  it('statement.ready: to every member and to the cooperatives (their users, else their contact)', async () => {
    for (const consumerGroupId of r.groupIds) {
      const lines = await t.dataSource.query(
        `SELECT offer_id AS "offerId", units::int AS quantity FROM shipment_lines
          WHERE cycle_id = $1 AND consumer_group_id = $2`,
        [cycle1(), consumerGroupId],
      );
      const put = await api.as(admin).put('/cycles/{id}/receipts/{consumerGroupId}', {
        params: { id: cycle1(), consumerGroupId },
        body: { lines },
      });
      expect(put.status).toBe(200);
    }
    expect(await stages.run(cycle1(), 'received')).toBe('moved');
    // Its job lost (Redis lost it, or the worker died after the commit): the clock's sweep
    // writes it. (Aged past what the other suites sharing the database leave recorded.)
    await t.dataSource.query(
      `UPDATE people_events SET created_at = now() - interval '3 hours' WHERE cycle_id = $1`,
      [cycle1()],
    );
    expect(await people.sweepEvents(2 * 3600)).toBeGreaterThanOrEqual(4); // 3 members, 1 cooperative user
    expect(await recordedEvents(cycle1())).toEqual([]);
    await deliver(cycle1());
    const rows = await mailsOf('statement.ready', cycle1());
    const byType = rows.reduce(
      (acc: Record<string, number>, row: { recipientType: string }) => ({
        ...acc,
        [row.recipientType]: (acc[row.recipientType] ?? 0) + 1,
      }),
      {},
    );
    expect(byType.member).toBe(3);
    expect(byType.user).toBe(1); // the first cooperative's user; the second has no goods to be paid for
    const [coop] = received(emails.cooperative, 'كشف حسابك'); // a Moroccan cooperative: Arabic by default
    expect(coop.text).toContain('المستحق لكم');
    expect(coop.text).toMatch(/MAD|د\.م\./);
  });

  it('tells each role exactly the kinds its account page offers it to switch (kindsSentTo)', async () => {
    const rows: { role: string; kind: string }[] = await t.dataSource.query(
      `SELECT DISTINCT CASE WHEN n.recipient_type = 'member' THEN 'member' ELSE u.role END AS role,
              n.payload->>'kind' AS kind
         FROM notifications n LEFT JOIN users u ON n.recipient_type = 'user' AND u.id = n.recipient_id
        WHERE n.cycle_id = ANY($1::uuid[]) AND n.recipient_type IN ('member', 'user')`,
      [Object.values(season.cycleIds)],
    );
    const told = new Map<string, string[]>();
    for (const { role, kind } of rows) told.set(role, [...(told.get(role) ?? []), kind].sort());
    expect([...told.keys()].sort()).toEqual(['cooperative', 'coordinator', 'member']);
    for (const [role, kinds] of told) expect(kinds).toEqual([...kindsSentTo(role)].sort());
  });
});
