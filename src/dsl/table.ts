import { requireName, requireText } from './name-check.js';
import { SchemaError } from './errors.js';
import { COLUMN_BUILDER, isColumnBuilder, type ColumnBuilder, type NotNull } from './columns/builder.js';
import { TableColumn, type AnyTableColumn, type BoundColumn, type TableDef } from './bound-column.js';
import type { TableExtra } from './index-builder.js';
import { captureLocation } from './location.js';

export const TABLE: unique symbol = Symbol.for('pgtide.table');
export type ColumnsShape = Record<string, ColumnBuilder<unknown>>;

export type BoundColumns<C extends ColumnsShape> = {
  readonly [K in keyof C]: C[K] extends ColumnBuilder<infer T> ? TableColumn<T, C[K] extends NotNull ? true : false> : never;
};

interface TableMethods<C extends ColumnsShape> {
  readonly [TABLE]: TableDef;
  comment(text: string): PgTable<C>;
  /** Planner hint: the table used to be called `previous` (same schema). */
  renamedFrom(previous: string): PgTable<C>;
}

export type PgTable<C extends ColumnsShape = ColumnsShape> = BoundColumns<C> & TableMethods<C>;

/** The row type of a table as selected: `InferSelect<typeof users>`. */
export type InferSelect<T> = {
  -readonly [K in keyof T as T[K] extends AnyTableColumn ? K : never]: T[K] extends TableColumn ? T[K]['$data'] : never;
};

const RESERVED = new Set(['comment', 'renamedFrom']);

function bindColumns(def: { columns: BoundColumn[]; invalidColumns: { key: string; value: unknown }[] }, table: TableDef, columns: ColumnsShape, target: Record<string, unknown>): void {
  for (const [key, builder] of Object.entries(columns)) {
    if (RESERVED.has(key)) {
      throw new SchemaError(
        table.location ?? { file: '<unknown>' },
        `${table.schema}.${table.name}.${key}`,
        `Column key "${key}" of table ${table.schema}.${table.name} clashes with the table method ${key}(); use another key and .named('${key}') to keep the column name.`,
      );
    }
    if (!isColumnBuilder(builder)) {
      def.invalidColumns.push({ key, value: builder });
      continue;
    }
    const state = builder[COLUMN_BUILDER];
    // A name given by .named() was checked there; a key is the name only without one.
    if (state.dbName === null) requireName(`column key in table ${table.schema}.${table.name} (a column is named after its key unless .named() names it)`, key, table.location);
    const bound: BoundColumn = { table, key, name: state.dbName ?? key, state: { ...state } };
    def.columns.push(bound);
    target[key] = new TableColumn(bound);
  }
}

export function tableIn<C extends ColumnsShape>(
  schema: string,
  name: string,
  columns: C,
  extras?: (t: BoundColumns<C>) => readonly TableExtra[],
): PgTable<C> {
  requireName('table name', name);
  const mutable = { columns: [] as BoundColumn[], extras: [] as unknown[], invalidColumns: [] as { key: string; value: unknown }[] };
  const def: TableDef = {
    schema,
    name,
    columns: mutable.columns,
    extras: mutable.extras,
    invalidColumns: mutable.invalidColumns,
    comment: null,
    renamedFrom: null,
    location: captureLocation(),
  };
  const self: Record<string | symbol, unknown> = {
    [TABLE]: def,
    comment(text: string) {
      def.comment = requireText(`comment of table ${schema}.${name}`, text);
      return self;
    },
    renamedFrom(previous: string) {
      def.renamedFrom = requireName(`previous name of table ${schema}.${name} in renamedFrom()`, previous);
      return self;
    },
  };
  bindColumns(mutable, def, columns, self);
  const table = self as unknown as PgTable<C>;
  if (extras) mutable.extras.push(...extras(table));
  return table;
}

/**
 * `table('users', { id: bigint().identity().primaryKey(), email: text().notNull() }, (t) => [
 *   index().on(t.email) ])` — a table in schema public; see `schema()` for others.
 */
export function table<C extends ColumnsShape>(
  name: string,
  columns: C,
  extras?: (t: BoundColumns<C>) => readonly TableExtra[],
): PgTable<C> {
  return tableIn('public', name, columns, extras);
}

export function isTable(value: unknown): value is PgTable {
  return typeof value === 'object' && value !== null && TABLE in value;
}
