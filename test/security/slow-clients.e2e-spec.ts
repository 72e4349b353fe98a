import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Api } from '../support/api';
import { adminToken, startTestApp, type TestApp } from '../support/test-app';
import { sleep } from '../support/wait';

const TIMEOUTS = { requestMs: 1000, headersMs: 500, connectionMs: 60_000, keepAliveMs: 500 };
/** How long a client keeps trickling at most: ten times the request timeout. */
const TRICKLE_STEPS = 100;
const STEP_MS = 100;

interface Trickle {
  /** Bytes written before the server closed the connection (all of them if it never did). */
  written: number;
  /** What the server answered, if anything. */
  reply: string;
  closedByServer: boolean;
}

/** Writes `head` at once, then `body` one byte every STEP_MS, until done or the server closes. */
async function trickle(
  port: number,
  head: string,
  body: string,
  byteByByte: 'head' | 'body',
): Promise<Trickle> {
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise((done) => socket.once('connect', done));
  let reply = '';
  let closed = false;
  socket.on('data', (chunk) => (reply += chunk.toString()));
  socket.on('close', () => (closed = true));
  socket.on('error', () => (closed = true));
  const slow = byteByByte === 'head' ? head : body;
  if (byteByByte === 'body') socket.write(head);
  let written = 0;
  for (const byte of slow) {
    if (closed || written >= TRICKLE_STEPS) break;
    socket.write(byte);
    written += 1;
    await sleep(STEP_MS);
  }
  const closedByServer = closed;
  socket.destroy();
  return { written, reply, closedByServer };
}

/**
 * F7 (docs/SECURITY.md): a client trickling its request one byte at a time is cut off by the
 * configured timeouts (short ones here), where it used to hold its connection for as long as it
 * liked. The client gives up by itself after ten times the request timeout: a connection still
 * open then is the failure.
 */
describe('slow clients are cut off', () => {
  let t: TestApp;
  let port: number;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ httpTimeouts: TIMEOUTS });
    token = await adminToken(new Api(t.app), t.dataSource);
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('closes a connection whose body trickles past the request timeout, with 408', async () => {
    const body = JSON.stringify({ email: 'slow@test.example', password: 'x'.repeat(400) });
    const head =
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const started = Date.now();
    const result = await trickle(port, head, body, 'body');
    console.log(`body trickle: closed after ${Date.now() - started} ms, ${result.written} bytes`);
    expect(result.closedByServer).toBe(true);
    expect(result.written).toBeLessThan(TRICKLE_STEPS);
    expect(result.reply).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection whose headers trickle past the headers timeout', async () => {
    const head = `GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`;
    const result = await trickle(port, head, '', 'head');
    expect(result.closedByServer).toBe(true);
    expect(result.written).toBeLessThan(TRICKLE_STEPS);
    expect(result.reply).not.toMatch(/^HTTP\/1\.1 200/);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise((done) => socket.once('connect', done));
    let reply = '';
    let closed = false;
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('close', () => (closed = true));
    socket.write(
      `GET /api/v1/cycles/00000000-0000-4000-8000-000000000000 HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Authorization: Bearer ${token}\r\nConnection: keep-alive\r\n\r\n`,
    );
    for (let step = 0; step < TRICKLE_STEPS && !closed; step += 1) await sleep(STEP_MS);
    socket.destroy();
    expect(reply).toMatch(/^HTTP\/1\.1 404/);
    expect(closed).toBe(true);
  });
});
