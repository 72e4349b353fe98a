#!/usr/bin/env node
// The server the browser tests run against: `node dist/main.js` as `npm start` runs it (API,
// worker and the web application), on the database and Redis run-with-services provides, with
// the demo seeded, and with a real SMTP server of its own whose mails land as files in
// WEB_TEST_MAIL_DIR, where the tests read invitation and password-reset links.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const mailDir = process.env.WEB_TEST_MAIL_DIR;
const port = process.env.WEB_TEST_PORT;
if (!mailDir || !port || !process.env.DATABASE_URL) {
  process.stderr.write(
    'serve.mjs: run through `npm run test:web` (WEB_TEST_MAIL_DIR, WEB_TEST_PORT, DATABASE_URL)\n',
  );
  process.exit(2);
}
rmSync(mailDir, { recursive: true, force: true });
mkdirSync(mailDir, { recursive: true });

let count = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      count += 1;
      const to = session.envelope.rcptTo.map((r) => r.address).join(',');
      writeFileSync(join(mailDir, `${String(count).padStart(5, '0')}-${to}.eml`), Buffer.concat(chunks));
      callback();
    });
  },
});

smtp.listen(0, '127.0.0.1', () => {
  const smtpPort = smtp.server.address().port;
  const app = spawn(process.execPath, ['dist/main.js'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      APP_ROLE: 'all',
      PORT: port,
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: process.env.WEB_TEST_LOG_LEVEL ?? 'warn',
    },
  });
  const stop = () => app.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  app.on('exit', (code) => {
    smtp.close();
    process.exit(code ?? 0);
  });
});
