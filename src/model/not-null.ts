import type { Column } from './types.js';

/**
 * The name PostgreSQL 18 gives a NOT NULL constraint when none is stated, and the one pg_dump leaves
 * unprinted. The server shortens overlong names and adds a digit on a clash; pg_dump does not, so
 * such names are read (and kept) as explicit ones.
 */
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
