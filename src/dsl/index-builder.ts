import { optionalName, requireName, requireText } from './name-check.js';
import { captureLocation, type Location } from './location.js';
import type { SqlFragment } from './sql.js';
import type { AnyTableColumn, IndexKeyBuilder } from './bound-column.js';
import type { CheckBuilder, ExclusionBuilder, ForeignKeyBuilder, PrimaryKeyBuilder, UniqueBuilder } from './constraints.js';

export const INDEX: unique symbol = Symbol.for('pgtide.index');

export type IndexKeyInput = AnyTableColumn | SqlFragment | IndexKeyBuilder;
export type IndexMethod = 'btree' | 'hash' | 'gin' | 'gist' | 'brin' | 'spgist' | (string & {});

export interface IndexState {
  readonly name: string | null;
  keys: readonly IndexKeyInput[];
  unique: boolean;
  nullsNotDistinct: boolean;
  method: IndexMethod;
  include: readonly AnyTableColumn[];
  where: string | null;
  with: Readonly<Record<string, string | number | boolean>>;
  renamedFrom: string | null;
  comment: string | null;
  /** The table's CLUSTER ON index (at most one per table). */
  clustered: boolean;
  readonly location: Location | null;
}

export class IndexBuilder {
  readonly [INDEX]: IndexState;

  constructor(name: string | null, unique: boolean) {
    this[INDEX] = {
      name,
      keys: [],
      unique,
      nullsNotDistinct: false,
      method: 'btree',
      include: [],
      where: null,
      with: {},
      renamedFrom: null,
      comment: null,
      clustered: false,
      location: captureLocation(),
    };
  }

  /** The keys: columns, `sql` expressions, or either with ordering options. */
  on(...keys: readonly IndexKeyInput[]): this {
    this[INDEX].keys = keys;
    return this;
  }

  unique(): this {
    this[INDEX].unique = true;
    return this;
  }

  nullsNotDistinct(): this {
    this[INDEX].nullsNotDistinct = true;
    return this;
  }

  using(method: IndexMethod): this {
    this[INDEX].method = requireName('index method', method);
    return this;
  }

  /** Non-key columns carried in the index (covering index). */
  include(...columns: readonly AnyTableColumn[]): this {
    this[INDEX].include = columns;
    return this;
  }

  /** Makes the index partial. */
  where(predicate: SqlFragment): this {
    this[INDEX].where = predicate.text;
    return this;
  }

  /** Storage parameters, e.g. `{ fillfactor: 70 }`. */
  with(params: Readonly<Record<string, string | number | boolean>>): this {
    this[INDEX].with = params;
    return this;
  }

  renamedFrom(previous: string): this {
    this[INDEX].renamedFrom = requireName('previous name of an index in renamedFrom()', previous);
    return this;
  }

  comment(text: string): this {
    this[INDEX].comment = requireText('index comment', text);
    return this;
  }

  /**
   * Marks the index as the one CLUSTER uses for its table (ALTER TABLE … CLUSTER ON). It only records
   * the choice: pgtide never runs CLUSTER, which rewrites the table under ACCESS EXCLUSIVE.
   */
  clustered(): this {
    this[INDEX].clustered = true;
    return this;
  }
}

/** `index().on(t.email)`; the name defaults to PostgreSQL's `<table>_<columns>_idx`. */
export function index(name?: string): IndexBuilder {
  return new IndexBuilder(optionalName('index name', name), false);
}

export function uniqueIndex(name?: string): IndexBuilder {
  return new IndexBuilder(optionalName('index name', name), true);
}

export function isIndexBuilder(value: unknown): value is IndexBuilder {
  return typeof value === 'object' && value !== null && INDEX in value;
}

/** What a table's extras callback may return. */
export type TableExtra = IndexBuilder | PrimaryKeyBuilder | UniqueBuilder | ForeignKeyBuilder | CheckBuilder | ExclusionBuilder;
