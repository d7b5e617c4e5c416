/**
 * Long runs of the round-trip property: `npm run fuzz -- --runs 5000 [--seed N]`. Prints the seed,
 * the duration and the result; exits 1 with fast-check's report (seed, path, counterexample) on a
 * failure, so the case can be replayed with the same seed.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { closeEngines, openEngines, roundTrip } from './roundtrip.js';
import { schemaPair } from './spec.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() ^ (Math.random() * 0x100000000) : Number(values.seed);
if (!Number.isInteger(runs) || runs <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed N]');
  process.exit(2);
}

const engines = await openEngines();
const started = Date.now();
let done = 0;
console.log(`fuzz: ${runs} cases, seed ${seed}`);
const result = await fc.check(
  fc.asyncProperty(schemaPair, async (pair) => {
    await roundTrip(engines, pair);
    if (++done % 250 === 0) console.log(`  ${done} cases passed (${Math.round((Date.now() - started) / 1000)} s)`);
  }),
  { numRuns: runs, seed, endOnFailure: true },
);
await closeEngines(engines);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (result.failed) {
  console.error(fc.defaultReportMessage(result) ?? 'failed');
  if (result.errorInstance instanceof Error) console.error(result.errorInstance.message);
  console.error(`fuzz: FAILED after ${result.numRuns} cases in ${seconds} s (seed ${seed})`);
  process.exit(1);
}
console.log(`fuzz: ${result.numRuns} cases passed in ${seconds} s (seed ${seed})`);
