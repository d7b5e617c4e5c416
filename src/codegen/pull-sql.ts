import { usageError } from '../errors.js';
import { buildModel } from '../model/model.js';
import { relationId } from '../model/ids.js';
import { KIND_TRAITS, KINDS } from '../model/kinds.js';
import { isServerDefault } from '../model/server-defaults.js';
import type { DbObject, Model, ObjectId, Table } from '../model/types.js';
import { migrationBetween } from '../pipeline/migration.js';

/**
 * Table options the DSL has no builder for; those that ALTER TABLE can set are pulled as SQL. CLUSTER
 * ON an index is `.clustered()` on it; on a key's index it is SQL.
 */
function dslTable(t: Table, model: Model): Table {
  const { rowSecurity: _rls, forceRowSecurity: _force, unlogged: _unlogged, replicaIdentity: _replica, clusterOn, ...rest } = t;
  const index = clusterOn === undefined ? undefined : model.index.get(`index:${t.schema}.${clusterOn}`);
  return index !== undefined && index.table === t.name ? { ...rest, clusterOn: index.name } : rest;
}

/**
 * Tables whose shape only CREATE TABLE gives (partitioned tables, partitions, INHERITS children):
 * the DSL has no builder for it, so they are pulled as SQL, with what is on them and what refers to them.
 */
export function sqlTables(model: Model): Set<ObjectId> {
  const ids = new Set<ObjectId>();
  for (const [id, t] of model.table) {
    if (t.partitionBy !== undefined || t.partitionOf !== undefined || (t.inherits?.length ?? 0) > 0) ids.add(id);
  }
  return ids;
}

/**
 * Whether an object stays in the DSL part when the tables `inSql` are pulled as SQL. An index or key
 * is declared in the DSL only on a DSL table (not on a materialized view, nor a SQL table), and a
 * foreign key only between DSL tables, since the DSL refers to tables through their variables.
 */
function declaredInDsl(model: Model, obj: DbObject, inSql: ReadonlySet<ObjectId>): boolean {
  // What every new database has (PUBLIC's USAGE on public) needs no declaration, in either part.
  if (isServerDefault(obj)) return true;
  // The registry's `declaredInDsl`: the other kinds (views, routines, …) are pulled as SQL, which reads better for bodies.
  if (!KIND_TRAITS[obj.kind].declaredInDsl) return false;
  const dslTable = (schema: string, name: string): boolean => {
    const id = relationId('table', schema, name);
    return model.table.has(id) && !inSql.has(id);
  };
  switch (obj.kind) {
    case 'table':
      return dslTable(obj.schema, obj.name);
    case 'constraint':
      return dslTable(obj.schema, obj.table) && (obj.type !== 'foreign-key' || dslTable(obj.references.schema, obj.references.table));
    case 'index':
      return dslTable(obj.schema, obj.table);
    default:
      return true;
  }
}

/** The part of the model the DSL modules declare. */
export function dslPart(model: Model): Model {
  const inSql = sqlTables(model);
  const objects: DbObject[] = [];
  for (const kind of KINDS) {
    for (const obj of model[kind].values()) {
      if (!declaredInDsl(model, obj, inSql)) continue;
      if (obj.kind === 'table') objects.push(dslTable(obj, model));
      // OWNED BY a table the SQL creates is set there, after the table (ALTER SEQUENCE … OWNED BY).
      else if (obj.kind === 'sequence' && obj.ownedBy !== null && inSql.has(relationId('table', obj.schema, obj.ownedBy.table))) objects.push({ ...obj, ownedBy: null });
      else objects.push(obj);
    }
  }
  return buildModel(objects);
}

/**
 * SQL that adds to the DSL part what only SQL declares, planned like any other change (so it is in
 * dependency order and quoted by the SQL layer), or null when the DSL declares everything.
 */
export function pulledSql(model: Model): string | null {
  const { changes, script, blocked } = migrationBetween(dslPart(model), model, { allowHazards: true, render: { as: 'script', phaseHeaders: false } });
  if (changes.length === 0) return null;
  if (blocked.length > 0) throw usageError('pgtide pull could not express part of the schema as SQL without rebuilding objects; please report this with the schema.');
  return script;
}
