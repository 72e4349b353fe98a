import { appendFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Parameters } from 'fast-check';

/**
 * The parameters of every fast-check property in the tests: `fc.assert(property, fcParameters())`
 * or `fcParameters({ numRuns: 500 })`.
 *
 * In `npm test` (and CI) each property runs with a seed fixed per test: a hash of its file and
 * its full name, so a commit that changes nothing a property covers cannot make it fail, and a
 * failure happens again on every run. fast-check's failure message gives the seed and the
 * shrunk counterexample's path; `FC_SEED=<seed>` (and, to jump to the counterexample,
 * `FC_PATH=<path>`) runs a property with that seed instead.
 *
 * `npm run fuzz` (FC_FUZZ=1) runs the same properties with a random seed each and FC_FUZZ_FACTOR
 * times the runs (20 unless told), printing every seed (and appending it to FC_SEED_LOG, which
 * scripts/fuzz.mjs summarises), so a counterexample found there reproduces with FC_SEED.
 */
export function fcParameters<T>(options: Parameters<T> = {}): Parameters<T> {
  const fuzzing = process.env.FC_FUZZ === '1';
  const factor = runsFactor();
  const given = process.env.FC_SEED;
  const test = currentTest();
  const seed =
    given !== undefined && given !== ''
      ? Number(given)
      : fuzzing
        ? Math.floor(Math.random() * 0x7fffffff)
        : fixedSeed(test);
  const numRuns = Math.round((options.numRuns ?? 100) * factor);
  if (fuzzing || given) {
    console.info(`[fc] ${test}: seed ${seed}, ${numRuns} runs`);
    if (process.env.FC_SEED_LOG) {
      appendFileSync(process.env.FC_SEED_LOG, `${JSON.stringify({ test, seed, numRuns })}\n`);
    }
  }
  return {
    ...options,
    seed,
    numRuns,
    ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
  };
}

/** How many times CI's runs a property gets: 1, or FC_FUZZ_FACTOR (20) under `npm run fuzz`. */
export function runsFactor(): number {
  return process.env.FC_FUZZ === '1' ? Number(process.env.FC_FUZZ_FACTOR ?? 20) : 1;
}

/** The running test as `file › describe › it`, from jest. */
function currentTest(): string {
  const state = expect.getState();
  return `${basename(state.testPath ?? 'unknown')} › ${state.currentTestName ?? 'outside a test'}`;
}

/** FNV-1a of the text: a 31-bit seed that stays the same as long as the test's name does. */
export function fixedSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & 0x7fffffff;
}
