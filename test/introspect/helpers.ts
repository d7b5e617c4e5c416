import { connectPostgres } from '../../src/db/postgres.js';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { introspect, type IntrospectOptions } from '../../src/introspect/index.js';
import type { Column, IndexKey, Model } from '../../src/model/types.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';

export interface TestEngine {
  readonly name: string;
  readonly skip: boolean;
  /** Runs fn on a fresh, empty database of this engine and closes it afterwards. */
  withDb<T>(fn: (db: Queryable) => Promise<T>, extensions?: readonly string[]): Promise<T>;
}

async function closing<T>(db: Queryable, fn: (db: Queryable) => Promise<T>): Promise<T> {
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export const ENGINES: readonly TestEngine[] = [
  {
    name: 'pglite',
    skip: false,
    withDb: async (fn, extensions = []) => closing(await scratchPglite({ extensions }), fn),
  },
  {
    name: 'postgres',
    skip: skipWithoutServer(),
    withDb: (fn) => withTestDatabase(async (t) => closing(await connectPostgres(t.url), fn), 'pgtide_introspect'),
  },
];

/** Loads a script into a fresh database of the engine and introspects it. */
export function introspectSql(
  engine: TestEngine,
  sql: string,
  opts: IntrospectOptions & { extensions?: readonly string[] } = {},
): Promise<Model> {
  return engine.withDb(async (db) => {
    await db.exec(sql);
    return introspect(db, opts.schemas ? { schemas: opts.schemas } : {});
  }, opts.extensions);
}

/** A column with every field at its "plain" value, overridden where a test cares. */
export function col(name: string, type: string, over: Partial<Column> = {}): Column {
  return {
    name,
    type,
    notNull: false,
    default: null,
    identity: null,
    generated: null,
    collation: null,
    comment: null,
    ...over,
  };
}

export function sqlDefault(text: string): Column['default'] {
  return { kind: 'sql', text };
}

export function colKey(column: string, over: Partial<IndexKey> = {}): IndexKey {
  return { column, expression: null, opclass: null, collation: null, descending: false, nullsFirst: false, ...over };
}

export function exprKey(expression: string, over: Partial<IndexKey> = {}): IndexKey {
  return { column: null, expression, opclass: null, collation: null, descending: false, nullsFirst: false, ...over };
}
