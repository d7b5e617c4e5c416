import { optionalName, requireName, requireText } from '../name-check.js';
import type { ColumnStrategy, SequenceOptions } from '../../model/types.js';
import { captureLocation } from '../location.js';
import { isSqlFragment, sql, type SqlFragment } from '../sql.js';
import type { AnyTableColumn, ColumnState, ReferenceOptions } from '../bound-column.js';
import type { ColumnType, TypeFamily } from './types.js';

declare const DATA: unique symbol;
declare const FAMILY: unique symbol;
declare const NOT_NULL: unique symbol;

/** Type-level mark of a column that can never hold NULL (notNull, primaryKey, identity). */
export interface NotNull {
  readonly [NOT_NULL]: true;
}

export const COLUMN_BUILDER: unique symbol = Symbol.for('pgtide.columnBuilder');

/** Identity and sequence options as users write them; numbers become the model's strings. */
export interface SequenceInput {
  readonly start?: number | bigint | string;
  readonly increment?: number | bigint | string;
  readonly min?: number | bigint | string;
  readonly max?: number | bigint | string;
  readonly cache?: number | bigint | string;
  readonly cycle?: boolean;
}

export function sequenceOptions(input: SequenceInput): Partial<SequenceOptions> {
  const out: { -readonly [K in keyof SequenceOptions]?: SequenceOptions[K] } = {};
  if (input.start !== undefined) out.start = String(input.start);
  if (input.increment !== undefined) out.increment = String(input.increment);
  if (input.min !== undefined) out.min = String(input.min);
  if (input.max !== undefined) out.max = String(input.max);
  if (input.cache !== undefined) out.cache = String(input.cache);
  if (input.cycle !== undefined) out.cycle = input.cycle;
  return out;
}

/**
 * A column declaration. Modifiers mutate and return the builder so declarations read as one chain;
 * `table()` copies the state, so one builder (or a spread of shared columns) can serve many tables.
 */
export class ColumnBuilder<TData, TFamily extends TypeFamily = TypeFamily> {
  declare readonly [DATA]: TData;
  declare readonly [FAMILY]: TFamily;
  readonly [COLUMN_BUILDER]: ColumnState;

  constructor(type: ColumnType, from?: ColumnState) {
    this[COLUMN_BUILDER] = from
      ? { ...from, references: [...from.references], checks: [...from.checks] }
      : {
          type,
          isArray: false,
          dbName: null,
          notNull: false,
          default: null,
          identity: null,
          generated: null,
          collation: null,
          comment: null,
          primaryKey: null,
          unique: null,
          references: [],
          checks: [],
          renamedFrom: null,
          backfill: null,
          strategy: null,
          using: null,
          location: captureLocation(),
        };
  }

  private get state(): ColumnState {
    return this[COLUMN_BUILDER];
  }

  /** The column's name in the database when it differs from its key in the table object. */
  named(name: string): this {
    this.state.dbName = requireName('column name in named()', name);
    return this;
  }

  notNull(): this & NotNull {
    this.state.notNull = true;
    return this as this & NotNull;
  }

  /** A literal (quoted by pgtide's SQL layer) or an expression: `.default(sql\`now()\`)`. */
  default(value: TData | SqlFragment): this {
    this.state.default = isSqlFragment(value) ? value : { literal: value };
    return this;
  }

  defaultNow<B extends ColumnBuilder<TData, 'temporal'>>(this: B): B {
    this[COLUMN_BUILDER].default = sql`now()`;
    return this;
  }

  defaultRandom<B extends ColumnBuilder<TData, 'uuid'>>(this: B): B {
    this[COLUMN_BUILDER].default = sql`gen_random_uuid()`;
    return this;
  }

  /** GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY; only integer columns can be identities. */
  identity<B extends ColumnBuilder<TData, 'integer'>>(
    this: B,
    generation: 'always' | 'by-default' = 'always',
    options: SequenceInput = {},
  ): B & NotNull {
    const state = this[COLUMN_BUILDER];
    state.identity = { generation, options: sequenceOptions(options) };
    state.notNull = true;
    return this as B & NotNull;
  }

  /** GENERATED ALWAYS AS (expression) STORED. */
  generatedAs(expression: SqlFragment): this {
    this.state.generated = expression.text;
    return this;
  }

  collate(collation: string): this {
    this.state.collation = requireName('collation name', collation);
    return this;
  }

  comment(text: string): this {
    this.state.comment = requireText('column comment', text);
    return this;
  }

  primaryKey(options: { name?: string } = {}): this & NotNull {
    this.state.primaryKey = { name: optionalName('primary key name', options.name) };
    this.state.notNull = true;
    return this as this & NotNull;
  }

  unique(options: { name?: string; nullsNotDistinct?: boolean } = {}): this {
    this.state.unique = { name: optionalName('unique constraint name', options.name), nullsNotDistinct: options.nullsNotDistinct ?? false };
    return this;
  }

  /** A foreign key to another table's column; the thunk allows tables that refer to each other. */
  references(target: () => AnyTableColumn, options: ReferenceOptions = {}): this {
    optionalName('foreign key name', options.name);
    this.state.references.push({ target, options });
    return this;
  }

  check(expression: SqlFragment, options: { name?: string } = {}): this {
    this.state.checks.push({ expression: expression.text, name: optionalName('check constraint name', options.name) });
    return this;
  }

  /** Planner hint: the column used to be called `previous`; rename it instead of drop + add. */
  renamedFrom(previous: string): this {
    this.state.renamedFrom = requireName('previous name of a column in renamedFrom()', previous);
    return this;
  }

  /** Planner hint: how to fill existing rows when this column is added as or becomes NOT NULL. */
  backfill(expression: SqlFragment): this {
    this.state.backfill = expression.text;
    return this;
  }

  /**
   * Planner hint: how a rename or type change of this column is applied. 'online' (the default)
   * moves it through a synced shadow column over expand → migrate → contract; 'direct' is a single
   * ALTER (a breaking rename, or a table rewrite under ACCESS EXCLUSIVE), held by the hazard gate.
   */
  strategy(strategy: ColumnStrategy): this {
    if (strategy !== 'online' && strategy !== 'direct') throw new TypeError(`strategy must be 'online' or 'direct', got ${JSON.stringify(strategy)}`);
    this.state.strategy = strategy;
    return this;
  }

  /** Planner hint: the expression (over the row's current columns) that converts values on a type change. */
  using(expression: SqlFragment): this {
    this.state.using = expression.text;
    return this;
  }

  /** An array of this type (`integer[]`). Returns a new builder carrying the modifiers so far. */
  array(): ColumnBuilder<TData[], TFamily> {
    const next = new ColumnBuilder<TData[], TFamily>(this.state.type, this.state);
    next[COLUMN_BUILDER].isArray = true;
    return next;
  }
}

export type AnyColumnBuilder = ColumnBuilder<unknown>;

export function isColumnBuilder(value: unknown): value is ColumnBuilder<unknown> {
  return typeof value === 'object' && value !== null && COLUMN_BUILDER in value;
}

/** The TypeScript value type a column builder holds. */
export type DataOf<B> = B extends ColumnBuilder<infer T> ? T : never;
