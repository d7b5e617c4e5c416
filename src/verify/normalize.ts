import type { Queryable } from '../db/queryable.js';
import { scratchPglite } from '../db/pglite.js';
import { usageError } from '../errors.js';
import { introspect } from '../introspect/index.js';
import { buildModel, emptyModel, KINDS, objectId, type DbObject, type Model, type Table } from '../model/index.js';
import { hintsOf } from '../model/hints.js';
import { migrationBetween } from '../pipeline/migration.js';

/** The SQL that creates a whole model from nothing (all phases; nothing is hazardous from empty). */
export function creationScript(model: Model): string {
  return migrationBetween(emptyModel(), model, { allowHazards: true, render: { as: 'script' } }).script;
}

/** Extensions the desired model needs loaded into PGlite before it can be created there. */
export function modelExtensions(model: Model): string[] {
  return [...model.extension.values()].map((e) => e.name);
}

/**
 * Puts a desired model into the form the server prints (types, defaults, expressions) by creating
 * it in a scratch PGlite and reading it back, so that comparing it with an introspected database is
 * comparing like with like. Planner hints live only in the declaration and are carried over by id.
 */
export async function normalizeModel(desired: Model, db?: Queryable, after?: () => Promise<void>): Promise<Model> {
  const scratch = db ?? (await scratchPglite({ extensions: modelExtensions(desired) }));
  try {
    const script = creationScript(desired);
    try {
      await scratch.exec(script);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw usageError(`The schema could not be created in PostgreSQL: ${message}. Check the expressions and types in your schema files.`, err);
    }
    if (after) await after();
    return carryHints(desired, await introspect(scratch));
  } finally {
    if (!db) await scratch.close();
  }
}

export function carryHints(desired: Model, normalized: Model): Model {
  const hinted = new Map<string, DbObject>();
  for (const kind of ['table', 'enum', 'index', 'extension'] as const) {
    for (const obj of desired[kind].values()) hinted.set(objectId(obj), obj);
  }
  const out: DbObject[] = [];
  for (const kind of KINDS) {
    for (const obj of normalized[kind].values() as Iterable<DbObject>) out.push(withHints(obj, hinted.get(objectId(obj))));
  }
  const built = buildModel(out);
  // A model read from a server before PostgreSQL 18 has no NOT NULL names, and says so.
  return normalized.notNullNames === false ? { ...built, notNullNames: false } : built;
}

function withHints(obj: DbObject, declared: DbObject | undefined): DbObject {
  if (!declared) return obj;
  if (obj.kind === 'table' && declared.kind === 'table') return tableWithHints(obj, declared);
  // PGlite installs its own default version (e.g. citext 1.8 on PostgreSQL 18); pinning that would
  // write `VERSION '1.8'` into migrations that older servers cannot run. Undeclared stays "any".
  if (obj.kind === 'extension' && declared.kind === 'extension' && declared.version === null) return { ...obj, version: null };
  if ((obj.kind === 'enum' || obj.kind === 'index') && 'renamedFrom' in declared && declared.renamedFrom) {
    return { ...obj, renamedFrom: declared.renamedFrom };
  }
  return obj;
}

function tableWithHints(obj: Table, declared: Table): Table {
  const byName = new Map(declared.columns.map((c) => [c.name, c]));
  const columns = obj.columns.map((c) => {
    const d = byName.get(c.name);
    if (!d) return c;
    return { ...c, ...hintsOf(d) };
  });
  return { ...obj, columns, ...(declared.renamedFrom ? { renamedFrom: declared.renamedFrom } : {}) };
}
