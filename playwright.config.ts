import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the web application (`npm run test:web`): Debian's Chromium against the real
 * server (web/tests/support/serve.mjs) on the PostgreSQL and Redis run-with-services provides.
 * Every journey runs at phone and desktop size, in French and in Arabic.
 */
// A free port per run unless WEB_TEST_PORT names one, so runs side by side never meet. The
// config is read again in every worker: the port chosen first travels to them in the environment.
const port =
  process.env.WEB_TEST_PORT ??
  execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
process.env.WEB_TEST_PORT = port;
process.env.WEB_TEST_MAIL_DIR ??= join(__dirname, 'test-results', 'mail');

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const sizes = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } };
const languages = { fr: 'fr-BE', ar: 'ar-MA' };

export default defineConfig({
  testDir: 'web/tests',
  globalSetup: './web/tests/support/global-setup.ts',
  outputDir: 'test-results/web',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromium,
    timezoneId: 'Europe/Brussels',
    trace: 'retain-on-failure',
    serviceWorkers: 'allow',
  },
  projects: Object.entries(sizes).flatMap(([size, viewport]) =>
    Object.entries(languages).map(([language, locale]) => ({
      name: `${size}-${language}`,
      use: { viewport, locale, hasTouch: size === 'phone', isMobile: false },
      metadata: { size, language },
    })),
  ),
  webServer: {
    command: 'node web/tests/support/serve.mjs',
    // Ready once the demo is seeded, which start-up does after it listens: waiting for the health
    // check instead (Playwright takes whichever comes first) let journeys meet a 401 at sign-in.
    wait: { stdout: /Demo partnership .* seeded/ },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
