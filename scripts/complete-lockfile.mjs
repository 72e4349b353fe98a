#!/usr/bin/env node
// npm records only the host platform's optional packages in package-lock.json
// (npm/cli#4828, #8320), and `npm ci` then refuses the lock on every machine.
// This adds the missing records (os/cpu/libc/integrity) from the registry so the
// lock is complete for every platform. Run it after any `npm install` that
// changes dependencies: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

function missingOptionals() {
  const missing = new Map();
  for (const [path, record] of Object.entries(packages)) {
    for (const [name, range] of Object.entries(record.optionalDependencies ?? {})) {
      const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
      if (!packages[nested] && !packages[`node_modules/${name}`]) missing.set(`node_modules/${name}`, { name, range });
    }
  }
  return missing;
}

// Some registries hold only some platforms' builds; such a package is recorded from its
// name alone, so that npm skips it on other platforms instead of asking for it.
function guessFromName(name, range) {
  const os = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'sunos', 'aix'].find((o) => name.includes(o));
  const cpu = ['x64', 'arm64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'arm'].find((c) => name.includes(c));
  const record = { version: range.replace(/^[\^~=]/, ''), optional: true };
  if (os) record.os = [os];
  if (cpu) record.cpu = [cpu];
  return record;
}

async function describe(name, range) {
  const { stdout } = await run('npm', ['view', `${name}@${range}`, '--json'], { maxBuffer: 1 << 24 }).catch(() => ({ stdout: '' }));
  if (!stdout || stdout.includes('"error"')) return guessFromName(name, range);
  const found = JSON.parse(stdout);
  const meta = Array.isArray(found) ? found[found.length - 1] : found;
  const record = { version: meta.version, integrity: meta.dist.integrity, optional: true };
  for (const key of ['cpu', 'os', 'libc', 'license', 'engines']) if (meta[key]) record[key] = meta[key];
  return record;
}

const missing = missingOptionals();
console.log(`adding ${missing.size} optional platform package records`);
const entries = [...missing];
for (let i = 0; i < entries.length; i += 8) {
  await Promise.all(
    entries.slice(i, i + 8).map(async ([path, { name, range }]) => {
      packages[path] = await describe(name, range);
      console.log(`  ${name}@${packages[path].version}`);
    }),
  );
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
