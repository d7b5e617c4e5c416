import { diff } from '../diff/index.js';
import { usageError } from '../errors.js';
import { buildModel } from '../model/model.js';
import type { DbObject, Kind, Model, Table } from '../model/types.js';
import { planChanges } from '../plan/index.js';
import { renderScript } from '../sql/index.js';

/**
 * Which kinds the TypeScript DSL declares; the others (views, routines, triggers, policies,
 * privileges, collations, domains) are pulled as SQL, which reads better for bodies. A Record, so that a new
 * kind in the model is a compile error here rather than silently left out of pull.
 */
export const DECLARED_IN_DSL: Readonly<Record<Kind, boolean>> = {
  schema: true,
  extension: true,
  enum: true,
  sequence: true,
  table: true,
  constraint: true,
  index: true,
  view: false,
  function: false,
  trigger: false,
  policy: false,
  privilege: false,
  collation: false,
  domain: false,
};

/**
 * Table options the DSL has no builder for; those that ALTER TABLE can set are pulled as SQL. CLUSTER
 * ON an index is `.clustered()` on it; on a key's index it is SQL.
 */
function dslTable(t: Table, model: Model): Table {
  const { rowSecurity: _rls, forceRowSecurity: _force, unlogged: _unlogged, replicaIdentity: _replica, clusterOn, ...rest } = t;
  const index = clusterOn === undefined ? undefined : model.index.get(`index:${t.schema}.${clusterOn}`);
  return index !== undefined && index.table === t.name ? { ...rest, clusterOn: index.name } : rest;
}

/** Tables whose shape only CREATE TABLE can give (partitions, inheritance): pull cannot declare them yet. */
export function undeclarableTables(model: Model): string[] {
  return [...model.table.values()]
    .filter((t) => t.partitionBy !== undefined || t.partitionOf !== undefined || (t.inherits?.length ?? 0) > 0)
    .map((t) => `${t.schema}.${t.name}`);
}

/** The part of the model the DSL modules declare. */
export function dslPart(model: Model): Model {
  const objects: DbObject[] = [];
  for (const kind of Object.keys(DECLARED_IN_DSL) as Kind[]) {
    if (!DECLARED_IN_DSL[kind]) continue;
    for (const obj of model[kind].values()) objects.push(obj.kind === 'table' ? dslTable(obj, model) : obj);
  }
  return buildModel(objects);
}

/**
 * SQL that adds to the DSL part what only SQL declares, planned like any other change (so it is in
 * dependency order and quoted by the SQL layer), or null when the DSL declares everything.
 */
export function pulledSql(model: Model): string | null {
  const declared = dslPart(model);
  const changes = diff(declared, model);
  if (changes.changes.length === 0) return null;
  const { sql, blocked } = renderScript(planChanges(changes, { from: declared, to: model }), { allowHazards: true });
  if (blocked.length > 0) throw usageError('pgtide pull could not express part of the schema as SQL without rebuilding objects; please report this with the schema.');
  return sql;
}
