import type { Hints } from './base.js';
import type { SequenceOptions } from './sequence.js';

/** A column an INHERITS child has from its parents: what the child holds of its own on it. */
export interface InheritedColumn {
  readonly name: string;
  readonly default: DefaultValue | null;
  readonly comment: string | null;
}

/** A column default: server-printed SQL text, or a literal value the SQL layer quotes. */
export type DefaultValue =
  | { readonly kind: 'sql'; readonly text: string }
  | { readonly kind: 'literal'; readonly value: string | number | boolean };

export interface Identity {
  readonly generation: 'always' | 'by-default';
  /** Options of the identity's sequence; the same "partial means default" rule as sequences. */
  readonly options: Partial<SequenceOptions>;
}

export type ColumnStrategy = 'online' | 'direct';

export interface Column extends Hints {
  readonly name: string;
  /** The type as format_type prints it, e.g. `character varying(20)`, `integer[]`, `public.mood`. */
  readonly type: string;
  readonly notNull: boolean;
  /**
   * The name of the NOT NULL constraint (PostgreSQL 18+ names them), only when it is not the server's
   * default `<table>_<column>_not_null`: a table renamed, created under another name or detached keeps
   * its old names. Older servers have no names, and reading the default as absent keeps models of the
   * same schema equal across versions. Never set when notNull is false.
   */
  readonly notNullName?: string;
  readonly default: DefaultValue | null;
  readonly identity: Identity | null;
  /** Expression of a STORED generated column. */
  readonly generated: string | null;
  /** A collation other than the type's default, qualified (`pg_catalog."C"` prints as `C`). */
  readonly collation: string | null;
  readonly comment: string | null;
  /** Planner-only: how to fill existing rows when the column becomes NOT NULL. Not compared. */
  readonly backfill?: string;
  /**
   * Planner-only: how a rename or type change reaches the database. 'online' (the default) keeps the
   * old and new column in sync with a trigger until contract; 'direct' is one ALTER, flagged. Not compared.
   */
  readonly strategy?: ColumnStrategy;
  /** Planner-only: the USING expression that converts existing values on a type change. Not compared. */
  readonly using?: string;
}

export type ReplicaIdentity = 'full' | 'nothing' | { readonly index: string };

export interface Table extends Hints {
  readonly kind: 'table';
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly Column[];
  readonly comment: string | null;
  /** ENABLE ROW LEVEL SECURITY; absent means off. */
  readonly rowSecurity?: true;
  /** FORCE ROW LEVEL SECURITY (applies to the owner too); absent means off. */
  readonly forceRowSecurity?: true;
  /** UNLOGGED; absent means logged. */
  readonly unlogged?: true;
  /** The partition key of a partitioned table as pg_get_partkeydef prints it, e.g. `RANGE (logdate)`. */
  readonly partitionBy?: string;
  /**
   * Set on a partition: its parent and bound (`FOR VALUES …` or `DEFAULT`). A partition's columns
   * are its parent's; they are listed, but only compared once it is detached.
   */
  readonly partitionOf?: { readonly schema: string; readonly table: string; readonly bound: string };
  /** Parents of a table created with INHERITS, in order; its model lists only its own columns. */
  readonly inherits?: readonly { readonly schema: string; readonly table: string }[];
  /**
   * An INHERITS child's settings on the columns it inherits, in column order; absent when it inherits
   * none. The server keeps a default and a comment per table: the parent's default is copied when the
   * child is made, and the child may set its own.
   */
  readonly inheritedColumns?: readonly InheritedColumn[];
  /** REPLICA IDENTITY other than DEFAULT. */
  readonly replicaIdentity?: ReplicaIdentity;
  /**
   * The index that CLUSTER without an index name uses (ALTER TABLE … CLUSTER ON, pg_index.indisclustered):
   * a plain index or one backing a primary key, unique or exclusion constraint. Absent means none.
   */
  readonly clusterOn?: string;
}
