import { introspect, type IntrospectOptions } from '../../src/introspect/index.js';
import type { Column, IndexKey, Model } from '../../src/model/types.js';
import { ENGINES, type TestEngine } from '../helpers/engines.js';

export { ENGINES, type TestEngine };

/** Loads a script into a fresh database of the engine and introspects it. */
export function introspectSql(
  engine: TestEngine,
  sql: string,
  opts: IntrospectOptions & { extensions?: readonly string[] } = {},
): Promise<Model> {
  return engine.withDb(async (db) => {
    await db.exec(sql);
    return introspect(db, opts.schemas ? { schemas: opts.schemas } : {});
  }, { prefix: 'pgtide_introspect', extensions: opts.extensions ?? [] });
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
