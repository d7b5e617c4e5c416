import type { Column, Model, ObjectId, Table } from './types.js';

/**
 * The name PostgreSQL 18 gives a NOT NULL constraint when none is stated, and the one pg_dump leaves
 * unprinted. The server shortens overlong names and adds a digit on a clash; pg_dump does not, so
 * such names are read (and kept) as explicit ones.
 */
/** server_version_num from which NOT NULL constraints have names (pg_constraint contype 'n'). */
export const NAMED_NOT_NULL_SINCE = 180000;

export function defaultNotNullName(table: string, column: string): string {
  return `${table}_${column}_not_null`;
}

/** The constraint name a NOT NULL column has on a server that names them; null for a nullable column. */
export function effectiveNotNullName(table: string, column: Column): string | null {
  if (!column.notNull) return null;
  return column.notNullName ?? defaultNotNullName(table, column.name);
}

/** The model field for a constraint name read from the server: absent when it is the default. */
export function notNullNameField(table: string, column: string, name: string | null): { notNullName?: string } {
  return name === null || name === defaultNotNullName(table, column) ? {} : { notNullName: name };
}

/**
 * A model read from a server before PostgreSQL 18, which has no NOT NULL constraint names to read,
 * says so; the same schema read from 18 (PGlite, where desired schemas are normalized and histories
 * replayed) has them. Comparing the two must ignore the names, or every partition and renamed
 * table would differ forever by a name the older server cannot hold. The names are dropped here, and
 * the diff skips the comparison for such a pair (the default name of a renamed column differs too).
 * Made once per migration: the diff hands the pair it compared to the planner (DiffResult.compared).
 */
export function comparableNotNullNames(from: Model, to: Model): { from: Model; to: Model } {
  if (from.notNullNames !== false && to.notNullNames !== false) return { from, to };
  return { from: withoutNotNullNames(from), to: withoutNotNullNames(to) };
}

/**
 * A declared schema states no NOT NULL constraint names (the DSL cannot, and pull writes none): the
 * names its normalized model holds are the defaults PostgreSQL 18 chose for it, for the table names
 * declared today. A table renamed by the history keeps its old default names on 18, so comparing them
 * would report a difference forever, and the "fix" would be a rename no one asked for (and a no-op
 * before 18). Such a model says it carries no names, so it matches any; a model with a name that is
 * not the default (written in a .sql schema file) is compared name by name as before.
 */
export function withoutDeclaredNotNullNames(model: Model): Model {
  if (model.notNullNames === false) return model;
  const named = [...model.table.values()].some((t) => t.columns.some((c) => c.notNullName !== undefined));
  return named ? model : { ...model, notNullNames: false };
}

function withoutNotNullNames(model: Model): Model {
  const named = [...model.table.values()].some((t) => t.columns.some((c) => c.notNullName !== undefined));
  if (!named) return model;
  const table = new Map<ObjectId, Table>();
  for (const [id, t] of model.table) {
    if (!t.columns.some((c) => c.notNullName !== undefined)) {
      table.set(id, t);
      continue;
    }
    const columns = t.columns.map((c) => {
      if (c.notNullName === undefined) return c;
      const { notNullName: _dropped, ...rest } = c;
      return Object.freeze(rest);
    });
    table.set(id, Object.freeze({ ...t, columns: Object.freeze(columns) }));
  }
  return { ...model, table };
}
