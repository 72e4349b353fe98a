import { NotificationsService } from '../../src/notifications/notifications.service';
import { Api, type Invalid } from '../support/api';
import { adminToken, startTestApp, unique, userToken, type TestApp } from '../support/test-app';
import { anEmail, aWebhook, enqueue, FIRST_TRY, insertCycle, SIGNING_SECRET } from './support';
import { cooperative, territory } from '../support/rows';

describe('GET /notifications', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let service: NotificationsService;
  let cycleId: string;
  let emailId: string;
  let webhookId: string;

  beforeAll(async () => {
    t = await startTestApp({
      smtpUrl: undefined,
      webhookSigningSecret: SIGNING_SECRET,
      queuePrefix: unique('nt'),
    });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    service = t.app.get(NotificationsService);
    cycleId = await insertCycle(t.dataSource);
    [emailId, webhookId] = await enqueue(t.dataSource, service, [
      anEmail(`${unique('coop')}@test.example`, { cycleId, dedupeKey: unique(`cycle-${cycleId}-confirm`) }),
      aWebhook('http://10.0.0.1/hooks', { n: 1 }, { event: 'manifest.issued', cycleId }),
    ]);
    await service.sendEmail({ notificationId: emailId }, FIRST_TRY); // no SMTP_URL: skipped
    await service.sendWebhook({ notificationId: webhookId }, FIRST_TRY); // private target: refused
  });
  afterAll(() => t.close());

  it('lists a cycle’s notifications, newest first, each with its attempts', async () => {
    const reply = await api.as(admin).get('/notifications', { query: { cycleId } });
    expect(reply.status).toBe(200);
    expect(reply.body.total).toBe(2);
    const byId = Object.fromEntries(reply.body.items.map((n: { id: string }) => [n.id, n]));
    expect(byId[emailId]).toEqual({
      id: emailId,
      dedupeKey: expect.stringContaining(`cycle-${cycleId}-confirm`),
      kind: 'cycle',
      channel: 'email',
      cycleId,
      recipientType: 'cooperative',
      recipientId: '00000000-0000-4000-8000-000000000001',
      target: expect.stringMatching(/@test\.example$/),
      subject: 'Please confirm the June demand',
      status: 'skipped',
      attemptCount: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      sentAt: null,
      attempts: [
        { attemptedAt: expect.stringMatching(/Z$/), outcome: 'skipped', detail: 'SMTP_URL not set' },
      ],
    });
    expect(byId[webhookId]).toMatchObject({
      channel: 'webhook',
      subject: 'manifest.issued',
      status: 'failed',
      attemptCount: 1,
      attempts: [{ outcome: 'failed', detail: expect.stringMatching(/^refused: .*10\.0\.0\.1/) }],
    });
    expect((reply.body.items[0] as Record<string, unknown>).payload).toBeUndefined(); // attachments stay out of lists
  });

  it('filters by status and pages', async () => {
    const failed = await api.as(admin).get('/notifications', { query: { cycleId, status: 'failed' } });
    expect(failed.body).toMatchObject({ total: 1, items: [{ id: webhookId }] });
    const page = await api.as(admin).get('/notifications', { query: { cycleId, limit: 1, offset: 1 } });
    expect(page.body.total).toBe(2);
    expect(page.body.items).toHaveLength(1);
    const other = await api
      .as(admin)
      .get('/notifications', { query: { cycleId: '00000000-0000-4000-8000-00000000abcd' } });
    expect(other.body).toEqual({ items: [], total: 0 });
    const all = await api.as(admin).get('/notifications', { query: { limit: 500 } });
    expect(all.body.total).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['status=bogus', 'status'],
    ['cycleId=not-a-uuid', 'cycleId'],
    ['limit=0', 'limit'],
    ['extra=1', 'extra'],
  ])('rejects %s naming %s', async (query, field) => {
    const reply = await api
      .as(admin)
      .get('/notifications', { query: Object.fromEntries(new URLSearchParams(query)) as Invalid });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(String(reply.body.message)).toContain(field);
  });

  it('needs a token and the admin role', async () => {
    expect((await api.anonymous().get('/notifications')).status).toBe(401);
    const cooperativeId = await cooperative(
      t.dataSource,
      await territory(t.dataSource, 'MA', 'Africa/Casablanca', 'MAD'),
    );
    const token = await userToken(api, admin, 'cooperative', { cooperativeId });
    const reply = await api.as(token).get('/notifications');
    expect(reply.status).toBe(403);
    expect(reply.body.items).toBeUndefined();
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await api.anonymous().request('GET', '/docs-json')).body;
    const get = doc.paths['/api/v1/notifications'].get;
    expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['cycleId', 'status', 'limit', 'offset']),
    );
    expect(get.responses['200'].content['application/json'].schema.$ref).toMatch(/NotificationPageDto$/);
    expect(Object.keys(doc.components.schemas.NotificationDto.properties)).toEqual(
      expect.arrayContaining(['id', 'channel', 'status', 'attempts', 'cycleId']),
    );
    expect(doc.components.schemas.NotificationAttemptDto.properties).toHaveProperty('outcome');
  });
});
