#!/usr/bin/env node
/* global fetch, navigator, document, window, MutationObserver */
// `npm run bench:web`: what the member's pledge page costs on a slow phone line. Starts the
// server as the browser tests do (web/tests/support/serve.mjs, demo seeded, on the database
// run-with-services provides), signs the demo member in, then in a fresh browser context (empty
// cache) under emulated 400 kbit/s down, 400 ms latency, loads the pledge page: bytes over the
// wire (sum of encodedDataLength) and time until the first pledge input is visible and enabled.
// Then, right after that one visit (once its service worker is active), the same page reloaded
// with the context offline, from the service worker's cache.
// Prints one JSON line of figures; it asserts nothing (budgets are in docs/WEB.md).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const MEMBER = 'lucie.peeters@proxima.demo';
const PASSWORD = 'proxima-demo-2026';
const DOWN_BYTES_PER_SECOND = 50_000; // 400 kbit/s
const UP_BYTES_PER_SECOND = 50_000;
const LATENCY_MS = 400;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHealth(url, server) {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`no answer from ${url} in 120 s`);
}

/**
 * In the page, from its first line: the clock time at which a pledge input (a number field) is
 * first there, laid out and enabled, kept in `window.__pledgeInputAt`. Watched by the page
 * itself at each change of the DOM, because Playwright's own waiting polls every 500 ms after
 * the first few tries, and rounded the figures up by as much.
 */
function watchForPledgeInput() {
  const usable = () =>
    [...document.querySelectorAll('input[type="number"]')].some(
      (input) => !input.disabled && input.getClientRects().length > 0,
    );
  const observer = new MutationObserver(() => {
    if (window.__pledgeInputAt === undefined && usable()) {
      window.__pledgeInputAt = Date.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

/**
 * The bytes the service worker fetches for itself (its precache), which the page's DevTools
 * session does not see. Counted through a session of its own on each service worker as it
 * starts; not throttled: DevTools emulates a line per target, not one line they share, so
 * this figure says how much would compete with the page on a real phone line, not for how long.
 */
async function countServiceWorkerBytes(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const counted = { total: 0 };
  let id = 0;
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const event = JSON.parse(message);
    if (event.method === 'Network.loadingFinished') counted.total += event.params.encodedDataLength;
  });
  cdp.on('Target.targetCreated', async ({ targetInfo }) => {
    if (targetInfo.type !== 'service_worker') return;
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: targetInfo.targetId,
      flatten: false,
    });
    const message = JSON.stringify({ id: (id += 1), method: 'Network.enable', params: {} });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message });
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  return counted;
}

/** The first pledge input of the page, visible and enabled: the page is usable. Returns when it was. */
async function untilPledgeInput(page, timeout = 120_000) {
  const input = page.getByRole('spinbutton').first();
  await input.waitFor({ state: 'visible', timeout });
  while (!(await input.isEnabled())) await page.waitForTimeout(20);
  return (await page.evaluate(() => window.__pledgeInputAt)) ?? Date.now();
}

async function main() {
  const port = Number(process.env.WEB_TEST_PORT ?? (await freePort()));
  const mailDir = mkdtempSync(join(tmpdir(), 'proxima-web-bench-'));
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['web/tests/support/serve.mjs'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WEB_TEST_PORT: String(port), WEB_TEST_MAIL_DIR: mailDir },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    await waitForHealth(`${base}/api/v1/health`, server);

    // Signed in once, unthrottled: the cookies are all the measured context starts with.
    const signing = await browser.newContext({ baseURL: base });
    // The demo is seeded just after the server answers: its member may take a moment to exist.
    let login;
    for (let attempt = 0; attempt < 60; attempt += 1) {
      login = await signing.request.post('/api/v1/auth/login', {
        data: { email: MEMBER, password: PASSWORD },
      });
      if (login.ok() || login.status() !== 401) break;
      await new Promise((done) => setTimeout(done, 1000));
    }
    if (!login.ok()) throw new Error(`login answered ${login.status()}: ${await login.text()}`);
    const storageState = await signing.storageState();
    await signing.close();

    const context = await browser.newContext({
      baseURL: base,
      storageState,
      viewport: { width: 360, height: 740 },
      locale: 'fr-BE',
      serviceWorkers: 'allow',
    });
    await context.addInitScript(watchForPledgeInput);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LATENCY_MS,
      downloadThroughput: DOWN_BYTES_PER_SECOND,
      uploadThroughput: UP_BYTES_PER_SECOND,
    });
    let coldBytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (event) => {
      coldBytes += event.encodedDataLength;
      requests += 1;
    });

    const serviceWorkerBytes = await countServiceWorkerBytes(browser);
    const coldStart = Date.now();
    await page.goto('/', { waitUntil: 'commit' });
    const coldMs = (await untilPledgeInput(page)) - coldStart;
    const serviceWorkerBytesBeforeUsable = serviceWorkerBytes.total;
    // What is fetched once the page is usable (the service worker's precache) is counted apart.
    const usableBytes = coldBytes;
    const usableRequests = requests;

    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((done) =>
          navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }),
        );
      }
      return registration.active?.state;
    });
    await page.waitForLoadState('networkidle');
    // No second visit: the reload offline comes straight after the first one (the member opened
    // the app once, the service worker installed meanwhile, then the connection went).

    await cdp.send('Network.emulateNetworkConditions', {
      offline: true,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await context.setOffline(true);
    const warmStart = Date.now();
    await page.reload({ waitUntil: 'commit' });
    // Not usable offline within 30 s counts as a miss: null, with what the page showed instead.
    let warmOfflineMs = null;
    let warmOfflineShowed;
    try {
      warmOfflineMs = (await untilPledgeInput(page, 30_000)) - warmStart;
    } catch {
      warmOfflineShowed = (
        await page
          .locator('body')
          .innerText()
          .catch(() => '')
      ).slice(0, 200);
    }
    await context.close();

    process.stdout.write(
      `${JSON.stringify({
        bench: 'web-pledge-page',
        network: { downBytesPerSecond: DOWN_BYTES_PER_SECOND, latencyMs: LATENCY_MS },
        coldKB: Math.round(usableBytes / 102.4) / 10,
        coldRequests: usableRequests,
        coldMs,
        serviceWorkerKBBeforeUsable: Math.round(serviceWorkerBytesBeforeUsable / 102.4) / 10,
        serviceWorkerKB: Math.round(serviceWorkerBytes.total / 102.4) / 10,
        warmOfflineMs,
        ...(warmOfflineShowed === undefined ? {} : { warmOfflineShowed }),
        budgets: { coldKB: 170, coldMs: 5000, warmOfflineMs: 1000 },
      })}\n`,
    );
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((done) => (server.exitCode !== null ? done() : server.on('exit', done)));
    rmSync(mailDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
