/**
 * A column bound to a table, the state it was declared with, and the index keys made from it. These
 * refer to each other (a column's reference names a bound column, a bound column keeps its state and
 * makes index keys), so they live together here, below the builders of columns, tables, constraints
 * and indexes, which all import them.
 */
import type { ColumnStrategy, FkAction, Identity } from '../model/types.js';
import { requireName } from './name-check.js';
import type { Location } from './location.js';
import type { SqlFragment } from './sql.js';
import type { ColumnType } from './columns/types.js';

export interface ReferenceOptions {
  readonly onDelete?: FkAction;
  readonly onUpdate?: FkAction;
  readonly match?: 'simple' | 'full';
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
  /** Constraint name; defaults to PostgreSQL's `<table>_<column>_fkey`. */
  readonly name?: string;
}

export interface ColumnReference {
  readonly target: () => AnyTableColumn;
  readonly options: ReferenceOptions;
}

/** Everything a column declaration says, before it is bound to a table and named. */
export interface ColumnState {
  readonly type: ColumnType;
  isArray: boolean;
  dbName: string | null;
  notNull: boolean;
  /** A literal is encoded when the column is compiled, once its final type (array or not) is known. */
  default: { readonly literal: unknown } | SqlFragment | null;
  identity: Identity | null;
  generated: string | null;
  collation: string | null;
  comment: string | null;
  primaryKey: { readonly name: string | null } | null;
  unique: { readonly name: string | null; readonly nullsNotDistinct: boolean } | null;
  references: ColumnReference[];
  checks: { readonly expression: string; readonly name: string | null }[];
  renamedFrom: string | null;
  backfill: string | null;
  strategy: ColumnStrategy | null;
  using: string | null;
  readonly location: Location | null;
}

export const TABLE_COLUMN: unique symbol = Symbol.for('pgtide.tableColumn');

export interface BoundColumn {
  readonly table: TableDef;
  /** The property name in the table object. */
  readonly key: string;
  /** The column name in the database. */
  readonly name: string;
  /** A copy of the builder's state taken when the table was declared. */
  readonly state: Readonly<ColumnState>;
}

export interface TableDef {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly BoundColumn[];
  /** Anything the extras callback returned; checked by compile(), which reports what is not an extra. */
  readonly extras: readonly unknown[];
  /** Keys of the columns record whose value is not a column builder (reported by compile()). */
  readonly invalidColumns: readonly { readonly key: string; readonly value: unknown }[];
  comment: string | null;
  renamedFrom: string | null;
  readonly location: Location | null;
}

/** A column once it belongs to a table: usable in references, constraints and index keys. */
export class TableColumn<TData = unknown, TNotNull extends boolean = boolean> {
  declare readonly $data: TNotNull extends true ? TData : TData | null;
  readonly [TABLE_COLUMN]: BoundColumn;

  constructor(bound: BoundColumn) {
    this[TABLE_COLUMN] = bound;
  }

  get columnName(): string {
    return this[TABLE_COLUMN].name;
  }

  asc(): IndexKeyBuilder {
    return new IndexKeyBuilder(this);
  }

  desc(): IndexKeyBuilder {
    return new IndexKeyBuilder(this).desc();
  }

  nullsFirst(): IndexKeyBuilder {
    return new IndexKeyBuilder(this).nullsFirst();
  }

  nullsLast(): IndexKeyBuilder {
    return new IndexKeyBuilder(this).nullsLast();
  }

  opclass(name: string): IndexKeyBuilder {
    return new IndexKeyBuilder(this).opclass(name);
  }

  collate(collation: string): IndexKeyBuilder {
    return new IndexKeyBuilder(this).collate(collation);
  }
}

export type AnyTableColumn = TableColumn<unknown, boolean>;

export function isTableColumn(value: unknown): value is AnyTableColumn {
  return typeof value === 'object' && value !== null && TABLE_COLUMN in value;
}

export const INDEX_KEY: unique symbol = Symbol.for('pgtide.indexKey');

export interface IndexKeyState {
  readonly source: AnyTableColumn | SqlFragment;
  descending: boolean;
  /** null: the server default (NULLS FIRST for DESC keys, NULLS LAST otherwise). */
  nullsFirst: boolean | null;
  opclass: string | null;
  collation: string | null;
}

/** One key of an index with its ordering options: `t.createdAt.desc()`, `key(sql\`lower(email)\`)`. */
export class IndexKeyBuilder {
  readonly [INDEX_KEY]: IndexKeyState;

  constructor(source: AnyTableColumn | SqlFragment) {
    this[INDEX_KEY] = { source, descending: false, nullsFirst: null, opclass: null, collation: null };
  }

  asc(): this {
    this[INDEX_KEY].descending = false;
    return this;
  }

  desc(): this {
    this[INDEX_KEY].descending = true;
    return this;
  }

  nullsFirst(): this {
    this[INDEX_KEY].nullsFirst = true;
    return this;
  }

  nullsLast(): this {
    this[INDEX_KEY].nullsFirst = false;
    return this;
  }

  opclass(name: string): this {
    this[INDEX_KEY].opclass = requireName('operator class name', name);
    return this;
  }

  collate(collation: string): this {
    this[INDEX_KEY].collation = requireName('collation name', collation);
    return this;
  }
}

/** An expression key that needs ordering options: `key(sql\`lower(email)\`).desc()`. */
export function key(source: AnyTableColumn | SqlFragment): IndexKeyBuilder {
  return new IndexKeyBuilder(source);
}

