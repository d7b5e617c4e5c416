import type { Queryable } from '../db/queryable.js';
import { buildModel } from '../model/model.js';
import { NAMED_NOT_NULL_SINCE } from '../model/not-null.js';
import { inScope, unmanagedInScope } from '../model/scope.js';
import type { UnmanagedObject } from '../model/unmanaged.js';
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
import { readDefaultPrivileges } from './default-privileges.js';
import { readEventTriggers } from './event-triggers.js';
import { readStatistics } from './statistics.js';
import { readRules } from './rules.js';
import { readRangeTypes } from './range-types.js';
import { readUnmanaged } from './unmanaged.js';
import { readCompositeTypes } from './composite-types.js';
import { readAggregates } from './aggregates.js';
import { readPublications } from './publications.js';

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
  'composite-type': readCompositeTypes,
  'default-privileges': readDefaultPrivileges,
  'event-trigger': readEventTriggers,
  statistics: readStatistics,
  rule: readRules,
  'range-type': readRangeTypes,
  aggregate: readAggregates,
  publication: readPublications,
};

/** A database's schema as pgtide reads it: the model it compares, and what it cannot compare. */
export interface Introspection {
  readonly model: Model;
  /** Objects in scope that no reader models (model/unmanaged.ts); the commands name them. */
  readonly unmanaged: readonly UnmanagedObject[];
}

/**
 * Reads the live schema into a model. All readers run in one REPEATABLE READ, READ ONLY transaction
 * (one consistent snapshot) with an empty search_path, so that every name the server prints in
 * types and expressions is schema-qualified and the text is the same whatever the session's path.
 */
export async function introspect(db: Queryable, opts: IntrospectOptions = {}): Promise<Model> {
  return (await read(db, opts, false)).model;
}

/** The model and, read in the same snapshot, the objects in scope that no reader models. */
export async function introspectAll(db: Queryable, opts: IntrospectOptions = {}): Promise<Introspection> {
  return read(db, opts, true);
}

async function read(db: Queryable, opts: IntrospectOptions, withUnmanaged: boolean): Promise<Introspection> {
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
    const unmanaged = withUnmanaged ? await readUnmanaged(ctx) : [];
    await db.exec('COMMIT');
    const built = buildModel(opts.ignore ? inScope(objects, opts.ignore) : objects);
    const model: Model = ctx.version < NAMED_NOT_NULL_SINCE ? { ...built, notNullNames: false as const } : built;
    return { model, unmanaged: Object.freeze(unmanagedInScope(unmanaged, opts.ignore ?? [])) };
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
