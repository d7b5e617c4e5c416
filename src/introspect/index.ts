import type { Queryable } from '../db/queryable.js';
import { buildModel } from '../model/model.js';
import { NAMED_NOT_NULL_SINCE } from '../model/not-null.js';
import { inScope } from '../model/scope.js';
import { KINDS, type DbObject, type Kind, type Model, type ObjectOf } from '../model/types.js';
import { readConstraints } from './constraints.js';
import type { IntrospectContext } from './context.js';
import { readEnums } from './enums.js';
import { readExtensions } from './extensions.js';
import { readIndexes } from './indexes.js';
import { readSchemas } from './schemas.js';
import { readSequences } from './sequences.js';
import { readTables } from './tables.js';
import { readViews } from './views.js';
import { readRoutines } from './routines.js';
import { readTriggers } from './triggers.js';
import { readPolicies } from './policies.js';
import { readPrivileges } from './privileges.js';
import { readCollations } from './collations.js';
import { readDomains } from './domains.js';

export { serverVersion } from './context.js';

export interface IntrospectOptions {
  /** Only these schemas (and the objects in them); all user schemas when omitted. */
  readonly schemas?: readonly string[];
  /** Object id patterns to leave out (the config's `ignore`, see model/scope.ts). */
  readonly ignore?: readonly string[];
}

const READERS: { readonly [K in Kind]: (ctx: IntrospectContext) => Promise<ObjectOf<K>[]> } = {
  schema: readSchemas,
  extension: readExtensions,
  enum: readEnums,
  sequence: readSequences,
  table: readTables,
  constraint: readConstraints,
  index: readIndexes,
  view: readViews,
  function: readRoutines,
  trigger: readTriggers,
  policy: readPolicies,
  privilege: readPrivileges,
  collation: readCollations,
  domain: readDomains,
};

/**
 * Reads the live schema into a model. All readers run in one REPEATABLE READ, READ ONLY transaction
 * (one consistent snapshot) with an empty search_path, so that every name the server prints in
 * types and expressions is schema-qualified and the text is the same whatever the session's path.
 */
export async function introspect(db: Queryable, opts: IntrospectOptions = {}): Promise<Model> {
  const ctx: IntrospectContext = {
    db,
    version: db.serverVersion,
    params: [opts.schemas ? [...opts.schemas] : null],
  };
  await db.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await db.exec("SET LOCAL search_path = ''");
    const objects: DbObject[] = [];
    for (const kind of KINDS) for (const obj of await READERS[kind](ctx)) objects.push(obj);
    await db.exec('COMMIT');
    const model = buildModel(opts.ignore ? inScope(objects, opts.ignore) : objects);
    return ctx.version < NAMED_NOT_NULL_SINCE ? { ...model, notNullNames: false } : model;
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
