import type { ObjectId } from './base.js';

/** What an extended statistics object gathers (pg_statistic_ext.stxkind, without the implied 'e'). */
export type StatisticsKind = 'ndistinct' | 'dependencies' | 'mcv';

/** An extended statistics object (CREATE STATISTICS). It lives in its own schema, over one table. */
export interface Statistics {
  readonly kind: 'statistics';
  /** Its own schema, which may differ from its table's. */
  readonly schema: string;
  readonly name: string;
  /** Its table (or materialized view): compared, since the id names only the statistics object. */
  readonly tableSchema: string;
  readonly tableName: string;
  /**
   * The kinds it gathers, sorted. Declaring none stores all three (or none, on a single expression),
   * so two declarations that mean the same compare equal.
   */
  readonly kinds: readonly StatisticsKind[];
  /** Its plain columns, sorted: a set, which the server keeps in column order (and a swap reorders). */
  readonly columns: readonly string[];
  /** Its expressions as the server prints them, in their declared order. */
  readonly expressions: readonly string[];
  /** SET STATISTICS; null for the server's default (-1 before PostgreSQL 17, NULL since). */
  readonly target: number | null;
  readonly comment: string | null;
  /** Its table, the columns and functions it reads (pg_depend). Not compared. */
  readonly dependsOn: readonly ObjectId[];
}
