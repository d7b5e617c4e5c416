import type { ObjectId } from './base.js';

/** One table of a publication (FOR TABLE / ADD TABLE). */
export interface PublishedTable {
  readonly schema: string;
  readonly table: string;
  /** The column list, sorted by name (the server keeps it as a set); null for every column. */
  readonly columns: readonly string[] | null;
  /** The row filter (WHERE), as pg_get_expr prints it; null for every row. */
  readonly filter: string | null;
}

/** The DML a publication publishes (WITH (publish = …)). */
export interface PublishActions {
  readonly insert: boolean;
  readonly update: boolean;
  readonly delete: boolean;
  readonly truncate: boolean;
}

/**
 * CREATE PUBLICATION: an object of the whole database, with no schema of its own. It lives in the one
 * schema all its tables and schemas are in (the config's `schemas` selects it by that schema); one
 * FOR ALL TABLES, or across schemas, or of nothing, belongs to the whole database. Its owner is not
 * compared, like every object's owner.
 */
export interface Publication {
  readonly kind: 'publication';
  readonly name: string;
  /** FOR ALL TABLES. */
  readonly allTables: boolean;
  /** FOR TABLE …, sorted by schema and table. */
  readonly tables: readonly PublishedTable[];
  /** FOR TABLES IN SCHEMA …, sorted. */
  readonly schemas: readonly string[];
  readonly publish: PublishActions;
  /** publish_via_partition_root. */
  readonly viaRoot: boolean;
  /**
   * publish_generated_columns (PostgreSQL 18): 'none' or 'stored'; null where the server has no such
   * option, which then compares equal to either (the option does not exist there to differ).
   */
  readonly generatedColumns: 'none' | 'stored' | null;
  readonly comment: string | null;
  /** Its tables, and the columns its column lists and row filters use (pg_depend). Not compared. */
  readonly dependsOn: readonly ObjectId[];
}
