import { NotificationsService } from '../../src/notifications/notifications.service';
import { request as httpRequest } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { standardWebhookSecret, webhookHeaders } from '../../src/notifications/domain/webhook-signature';
import { startTestApp, unique, type TestApp } from '../support/test-app';
import {
  aWebhook,
  enqueue,
  FIRST_TRY,
  LAST_TRY,
  notificationRow,
  SIGNING_SECRET,
  startHookServer,
  startVerifyingHookServer,
} from './support';

/** POSTs a captured (or forged) delivery to a receiver again; answers its status. */
function resend(port: number, headers: Record<string, string>, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/hooks', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('webhook notifications', () => {
  let hooks: Awaited<ReturnType<typeof startHookServer>>;
  let t: TestApp;
  let service: NotificationsService;

  beforeAll(async () => {
    hooks = await startHookServer();
    t = await startTestApp({
      webhookSigningSecret: SIGNING_SECRET,
      allowPrivateWebhookTargets: true,
      queuePrefix: unique('nt'),
    });
    service = t.app.get(NotificationsService);
  });
  afterAll(async () => {
    await t.close();
    await hooks.close();
  });
  beforeEach(() => hooks.reply(200));

  const requestsTo = (path: string) => hooks.requests.filter((r) => r.url === path);

  it('POSTs the JSON body, signed, with the event and the delivery id', async () => {
    const path = `/hooks/${unique('ok')}`;
    const body = {
      event: 'manifest.issued',
      manifest: { number: 'MAN-203106-0001', totals: { units: 120 } },
      note: 'café',
    };
    const [id] = await enqueue(t.dataSource, service, [
      aWebhook(`http://127.0.0.1:${hooks.port}${path}`, body),
    ]);
    await service.sendWebhook({ notificationId: id }, FIRST_TRY);

    const [request] = requestsTo(path);
    expect(requestsTo(path)).toHaveLength(1);
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-proxima-event']).toBe('manifest.issued');
    expect(request.headers['webhook-id']).toBe(id);
    const headers = request.headers as Record<string, string>;
    expect(() =>
      new Webhook(standardWebhookSecret(SIGNING_SECRET)).verify(request.body, headers),
    ).not.toThrow();
    expect(() =>
      new Webhook(standardWebhookSecret('another-secret-of-thirty-two-chars!!')).verify(
        request.body,
        headers,
      ),
    ).toThrow();
    expect(JSON.parse(request.body.toString('utf8'))).toEqual(body);

    const row = await notificationRow(t.dataSource, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: expect.any(Date) });
    expect(row.attemptRows).toEqual([{ outcome: 'sent', detail: 'HTTP 200' }]);

    await service.sendWebhook({ notificationId: id }, FIRST_TRY);
    expect(requestsTo(path)).toHaveLength(1);
  });

  it('records a non-2xx answer as a failed attempt and throws for a retry, then fails on the last try', async () => {
    hooks.reply(500);
    const path = `/hooks/${unique('down')}`;
    const [id] = await enqueue(t.dataSource, service, [aWebhook(`http://127.0.0.1:${hooks.port}${path}`)]);
    await expect(service.sendWebhook({ notificationId: id }, FIRST_TRY)).rejects.toThrow(/HTTP 500/);
    let row = await notificationRow(t.dataSource, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    // The status alone: nothing of the receiver's body is kept (F4 in docs/SECURITY.md).
    expect(row.attemptRows).toEqual([{ outcome: 'failed', detail: 'HTTP 500' }]);

    await expect(service.sendWebhook({ notificationId: id }, LAST_TRY)).rejects.toThrow(/failed for good/);
    row = await notificationRow(t.dataSource, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(requestsTo(path)).toHaveLength(2);
  });

  it('does not follow a redirect', async () => {
    hooks.reply(302, { location: '/hooks/elsewhere' });
    const path = `/hooks/${unique('moved')}`;
    const [id] = await enqueue(t.dataSource, service, [aWebhook(`http://127.0.0.1:${hooks.port}${path}`)]);
    await expect(service.sendWebhook({ notificationId: id }, FIRST_TRY)).rejects.toThrow(/HTTP 302/);
    expect(requestsTo(path)).toHaveLength(1);
    expect(requestsTo('/hooks/elsewhere')).toHaveLength(0);
    expect((await notificationRow(t.dataSource, id)).attemptRows).toEqual([
      { outcome: 'failed', detail: 'HTTP 302 (redirect not followed)' },
    ]);
  });

  it('signs per Standard Webhooks: a verifying receiver takes it once, refuses it replayed, old or altered', async () => {
    const receiver = await startVerifyingHookServer(SIGNING_SECRET);
    try {
      const body = { event: 'manifest.issued', manifest: { number: 'MAN-203106-0002' } };
      const [id] = await enqueue(t.dataSource, service, [
        aWebhook(`http://127.0.0.1:${receiver.port}/hooks`, body),
      ]);
      await service.sendWebhook({ notificationId: id }, FIRST_TRY);
      expect(receiver.answers).toEqual([{ id, status: 204 }]);
      expect(await notificationRow(t.dataSource, id)).toMatchObject({ status: 'sent' });
      // A captured delivery sent again, as it was: the receiver has seen its id.
      const bytes = Buffer.from(JSON.stringify(body));
      const now = webhookHeaders(SIGNING_SECRET, id, bytes);
      expect(await resend(receiver.port, { ...now, 'content-type': 'application/json' }, bytes)).toBe(409);
      // One captured ten minutes ago under a fresh id: its timestamp is out of the window.
      const old = webhookHeaders(SIGNING_SECRET, `${id}-old`, bytes, new Date(Date.now() - 10 * 60_000));
      expect(await resend(receiver.port, old, bytes)).toBe(401);
      // Its timestamp moved forward without the secret: the signature no longer matches.
      const moved = { ...old, 'webhook-timestamp': now['webhook-timestamp'] };
      expect(await resend(receiver.port, moved, bytes)).toBe(401);
      expect(
        await resend(receiver.port, webhookHeaders(SIGNING_SECRET, `${id}-x`, bytes), Buffer.from('{}')),
      ).toBe(401);
    } finally {
      await receiver.close();
    }
  });

  it('records a receiver that does not listen as a failed attempt', async () => {
    const closed = await startHookServer();
    await closed.close();
    const [id] = await enqueue(t.dataSource, service, [aWebhook(`http://127.0.0.1:${closed.port}/hooks`)]);
    await expect(service.sendWebhook({ notificationId: id }, FIRST_TRY)).rejects.toThrow(/ECONNREFUSED/);
    expect(await notificationRow(t.dataSource, id)).toMatchObject({ status: 'pending', attempts: 1 });
  });
});

describe('webhook notifications to private targets (guard on, the default)', () => {
  let hooks: Awaited<ReturnType<typeof startHookServer>>;
  let t: TestApp;
  let service: NotificationsService;

  beforeAll(async () => {
    hooks = await startHookServer();
    t = await startTestApp({ webhookSigningSecret: SIGNING_SECRET, queuePrefix: unique('nt') });
    service = t.app.get(NotificationsService);
  });
  afterAll(async () => {
    await t.close();
    await hooks.close();
  });

  it.each([
    ['127.0.0.1', (port: number) => `http://127.0.0.1:${port}/hooks/guarded`],
    ['localhost', (port: number) => `http://localhost:${port}/hooks/guarded`],
    ['10.0.0.1', () => 'http://10.0.0.1/hooks/guarded'],
    ['the metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a non-http scheme', () => 'file:///etc/passwd'],
  ])('refuses %s: failed at once, no retry, no request', async (_, url) => {
    const [id] = await enqueue(t.dataSource, service, [aWebhook(url(hooks.port))]);
    await service.sendWebhook({ notificationId: id }, FIRST_TRY); // resolves: nothing to retry
    const row = await notificationRow(t.dataSource, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
    expect(row.attemptRows).toEqual([{ outcome: 'failed', detail: expect.stringMatching(/^refused: /) }]);
    expect(hooks.requests).toHaveLength(0);
  });
});

describe('webhook notifications without WEBHOOK_SIGNING_SECRET', () => {
  let hooks: Awaited<ReturnType<typeof startHookServer>>;
  let t: TestApp;
  let service: NotificationsService;

  beforeAll(async () => {
    hooks = await startHookServer();
    t = await startTestApp({
      webhookSigningSecret: undefined,
      allowPrivateWebhookTargets: true,
      queuePrefix: unique('nt'),
    });
    service = t.app.get(NotificationsService);
  });
  afterAll(async () => {
    await t.close();
    await hooks.close();
  });

  it('sends nothing unsigned: the notification is skipped with the reason', async () => {
    const [id] = await enqueue(t.dataSource, service, [
      aWebhook(`http://127.0.0.1:${hooks.port}/hooks/unsigned`),
    ]);
    await service.sendWebhook({ notificationId: id }, FIRST_TRY);
    const row = await notificationRow(t.dataSource, id);
    expect(row).toMatchObject({ status: 'skipped', attempts: 1 });
    expect(row.attemptRows).toEqual([{ outcome: 'skipped', detail: 'WEBHOOK_SIGNING_SECRET not set' }]);
    expect(hooks.requests).toHaveLength(0);
  });
});
