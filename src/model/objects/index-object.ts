import type { Hints } from './base.js';

export interface IndexKey {
  /** Either a column name or an expression (server text); exactly one is set. */
  readonly column: string | null;
  readonly expression: string | null;
  /** Operator class when it is not the type's default, qualified unless in pg_catalog. */
  readonly opclass: string | null;
  /** Collation when it differs from the column's. */
  readonly collation: string | null;
  readonly descending: boolean;
  /** NULLS FIRST; the server default is true for DESC keys and false otherwise. */
  readonly nullsFirst: boolean;
}

export interface Index extends Hints {
  readonly kind: 'index';
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  /** btree, hash, gin, gist, brin, spgist, or an extension's access method. */
  readonly method: string;
  readonly keys: readonly IndexKey[];
  readonly include: readonly string[];
  /** Predicate of a partial index, without WHERE. */
  readonly where: string | null;
  /** Storage parameters as `name=value`, sorted. */
  readonly with: readonly string[];
  readonly comment: string | null;
  /**
   * Set (true) only on a live index that a failed CREATE INDEX CONCURRENTLY left INVALID: it is not
   * used by queries and does not enforce uniqueness, so the plan rebuilds it.
   */
  readonly invalid?: true;
  /**
   * On a partition's index: the name of the parent table's partitioned index it is attached to
   * (ALTER INDEX … ATTACH PARTITION, or created with the parent's). Absent on an index of the
   * partition's own, which the parent's indexes leave alone.
   */
  readonly attachedTo?: string;
}
