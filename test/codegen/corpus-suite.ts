import { describe, expect, it } from 'vitest';
import { ALL_CONTRIB } from '../../src/api/history.js';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { introspect } from '../../src/introspect/index.js';
import { loadCorpus, type CorpusCase } from '../conformance/lib/cases.js';
import { kindsIn, mergeKinds, notCovered } from '../conformance/lib/classify.js';
import { splitStatements } from '../conformance/lib/sql-split.js';
import { pullRoundTrip, resetDatabase } from './helpers.js';


type Status = 'round-trips' | 'differs' | 'not covered' | 'does not load';

interface Outcome {
  readonly id: string;
  readonly status: Status;
  readonly detail: string;
}

// Statements that always leave an object of a kind the model does not cover. Classifying a loaded
// database from its catalogs is exact but costs half a second; these cases need not be loaded.
const OUT_OF_SCOPE =
  /\bcreate\s+(or\s+replace\s+)?(view|materialized\s+view|function|procedure|trigger|policy|domain|aggregate|operator|rule|collation|extension)\b|\bgrant\b|\bpartition\s+(by|of)\b|\binherits\b|\bunlogged\b/i;

async function runStatements(db: Queryable, sql: string): Promise<void> {
  for (const statement of splitStatements(sql)) await db.exec(statement);
}

async function createRoles(db: Queryable, c: CorpusCase): Promise<void> {
  for (const role of c.roleSql) {
    // Roles belong to the instance and outlive the reset; a role another case created is reused.
    await db.exec(`CREATE ROLE ${role}`).catch((err: unknown) => {
      if (!String(err).includes('already exists')) throw err;
    });
  }
}

async function runCase(c: CorpusCase, db: Queryable, scratch: Queryable): Promise<Outcome> {
  if (OUT_OF_SCOPE.test(c.afterSql)) return { id: c.id, status: 'not covered', detail: 'by its SQL' };
  await resetDatabase(db);
  await createRoles(db, c);
  try {
    await runStatements(db, c.afterSql);
  } catch (err) {
    return { id: c.id, status: 'does not load', detail: String(err) };
  }
  const missing = notCovered(mergeKinds([await kindsIn(db)]));
  if (missing.length > 0) return { id: c.id, status: 'not covered', detail: missing.join(', ') };
  try {
    const { left } = await pullRoundTrip(await introspect(db), scratch);
    return { id: c.id, status: left.length === 0 ? 'round-trips' : 'differs', detail: left.join('; ') };
  } catch (err) {
    return { id: c.id, status: 'differs', detail: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The "after" side of every corpus case whose object kinds the model covers: load it, introspect it,
 * pull it, load the pulled modules, and the result must be the same schema.
 */
/**
 * Runs every `shards`-th case starting at `shard`: the corpus is split over two files so that the two
 * test workers share it.
 */
export function corpusSuite(shard: number, shards: number): void {
describe(`pull of the shared corpus (part ${shard + 1} of ${shards})`, () => {
  it('round-trips every case whose object kinds pgtide covers', { timeout: 600_000 }, async () => {
    const db = await scratchPglite({ extensions: ALL_CONTRIB });
    const scratch = await scratchPglite({ extensions: ALL_CONTRIB });
    const outcomes: Outcome[] = [];
    try {
      const cases = (await loadCorpus()).filter((_, i) => i % shards === shard);
      for (const c of cases) outcomes.push(await runCase(c, db, scratch));
    } finally {
      await db.close();
      await scratch.close();
    }
    const count = (s: Status) => outcomes.filter((o) => o.status === s).length;
    console.log(`pull corpus: ${count('round-trips')} round-trip, ${count('not covered')} not covered, ${count('does not load')} do not load on PGlite`);
    expect(outcomes.filter((o) => o.status === 'differs')).toEqual([]);
    expect(count('round-trips')).toBeGreaterThan(40);
  });
});
}
