import { connectPostgres } from '../../src/db/postgres.js';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { introspect } from '../../src/introspect/index.js';
import { splitStatements } from '../../src/migrations/index.js';
import { migrationBetween } from '../../src/pipeline/migration.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';

export interface ObjectEngine {
  readonly name: 'pglite' | 'postgres';
  readonly skip: boolean;
  /** Runs fn with two fresh, empty databases of this engine and closes them afterwards. */
  withPair<T>(fn: (a: Queryable, b: Queryable) => Promise<T>): Promise<T>;
}

async function closingPair<T>(a: Queryable, b: Queryable, fn: (a: Queryable, b: Queryable) => Promise<T>): Promise<T> {
  try {
    return await fn(a, b);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

export const ENGINES: readonly ObjectEngine[] = [
  {
    name: 'pglite',
    skip: false,
    withPair: async (fn) => closingPair(await scratchPglite(), await scratchPglite(), fn),
  },
  {
    name: 'postgres',
    skip: skipWithoutServer(),
    withPair: (fn) =>
      withTestDatabase((ta) => withTestDatabase(async (tb) =>
        closingPair(await connectPostgres(ta.url), await connectPostgres(tb.url), fn), 'pgtide_objects_b'), 'pgtide_objects_a'),
  },
];

export interface RoundTrip {
  /** The migration script from before to after (all phases, hazards allowed). */
  readonly script: string;
  /** Changes a second diff finds after applying the script: must be 0. */
  readonly remaining: number;
  /** The second diff's script, for a readable failure. */
  readonly remainingScript: string;
}

/**
 * Loads `before` into one database and `after` into another, applies pgtide's migration to the
 * first and diffs again: the corpus's definition of a correct migration.
 */
export function roundTrip(
  engine: ObjectEngine, before: string, after: string, setup = '', afterApply?: (migrated: Queryable) => Promise<void>,
): Promise<RoundTrip> {
  return engine.withPair(async (a, b) => {
    if (setup !== '') {
      await a.exec(setup);
      await b.exec(setup);
    }
    await a.exec(before);
    await b.exec(after);
    const [ba, bb] = await Promise.all([introspect(a), introspect(b)]);
    const first = migrationBetween(ba, bb, { allowHazards: true, render: { as: 'script' } });
    // One statement at a time, as psql runs a script: CONCURRENTLY cannot run in an implicit transaction.
    for (const statement of splitStatements(first.script)) await a.exec(statement.text);
    await afterApply?.(a);
    const [ma, mb] = await Promise.all([introspect(a), introspect(b)]);
    const again = migrationBetween(ma, mb, { allowHazards: true, render: { as: 'script' } });
    return { script: first.script, remaining: again.changes.length, remainingScript: again.script };
  });
}
