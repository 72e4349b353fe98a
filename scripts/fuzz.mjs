#!/usr/bin/env node
// `npm run fuzz`: every fast-check property of the tests (the files that import fast-check) and
// the fuzz suite, with a random seed per property and 20× the runs CI gives them (FC_FUZZ=1,
// FC_FUZZ_FACTOR to change it; test/support/property.ts). Prints each property's seed, then a
// summary: properties, runs, seeds of the failures and how to run one again with its seed.
// Extra arguments go to jest (a path or -t pattern narrows the run).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const factor = Number(process.env.FC_FUZZ_FACTOR ?? 20);

function specFiles(dir) {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(spec|e2e-spec)\.ts$/.test(file))
    .map((file) => join(root, dir, file))
    .filter((file) => /from 'fast-check'/.test(readFileSync(file, 'utf8')));
}

const files = [...specFiles('src'), ...specFiles('test')];
const work = mkdtempSync(join(tmpdir(), 'proxima-fuzz-'));
const seedLog = join(work, 'seeds.jsonl');
const results = join(work, 'results.json');
const started = Date.now();

console.log(`[fuzz] ${files.length} test files with properties, ${factor}× their runs, random seeds`);
const run = spawnSync(
  process.execPath,
  [
    'dist/infra/run-with-services.js',
    process.execPath,
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    '--testTimeout=1200000',
    '--json',
    `--outputFile=${results}`,
    ...process.argv.slice(2),
    '--runTestsByPath',
    ...files.map((file) => relative(root, file)),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FC_FUZZ: '1', FC_FUZZ_FACTOR: String(factor), FC_SEED_LOG: seedLog },
  },
);

const seeds = existsSync(seedLog)
  ? readFileSync(seedLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];
const report = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : { testResults: [] };
const failed = report.testResults.flatMap((file) =>
  file.assertionResults
    .filter((test) => test.status === 'failed')
    .map((test) => ({
      file: relative(root, file.name),
      name: test.fullName,
      message: test.failureMessages.join('\n'),
    })),
);

console.log('\n==== fuzz summary ====');
console.log(
  `${seeds.length} property runs in ${files.length} files, ${seeds.reduce((n, s) => n + s.numRuns, 0)} generated cases, ` +
    `${report.numPassedTests ?? 0} tests passed, ${report.numFailedTests ?? 0} failed, ` +
    `${Math.round((Date.now() - started) / 1000)} s`,
);
for (const failure of failed) {
  const seed = /seed: (-?\d+)/.exec(failure.message)?.[1];
  const path = /path: "([^"]*)"/.exec(failure.message)?.[1];
  console.log(`\nFAILED ${failure.file} › ${failure.name}`);
  console.log(failure.message.split('\n').slice(0, 12).join('\n'));
  if (seed) {
    console.log(
      `again: FC_SEED=${seed}${path ? ` FC_PATH=${path}` : ''} npm run test:only -- ${failure.file} -t '${failure.name.replace(/'/g, '.')}'`,
    );
  }
}
process.exit(run.status ?? 1);
