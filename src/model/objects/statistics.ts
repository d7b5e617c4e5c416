import type { ObjectId } from './base.js';

/** What an extended statistics object gathers (pg_statistic_ext.stxkind, without the implied 'e'). */
export type StatisticsKind = 'ndistinct' | 'dependencies' | 'mcv';

/** An extended statistics object (CREATE STATISTICS). It lives in its own schema, over one table. */
export interface Statistics {
  readonly kind: 'statistics';
  /** Its own schema, which may differ from its table's. */
  readonly schema: string;
  readonly name: string;
  readonly tableSchema: string;
  readonly table: string;
  /**
   * The kinds it gathers, sorted. Declaring none stores all three (or none, on a single expression),
   * so two declarations that mean the same compare equal.
   */
  readonly kinds: readonly StatisticsKind[];
  /** Its columns and expressions as pg_get_statisticsobjdef_columns prints them. */
  readonly columns: string;
  /** The CREATE STATISTICS statement as pg_get_statisticsobjdef prints it. */
  readonly definition: string;
  /** SET STATISTICS; null for the server's default (-1 before PostgreSQL 17, NULL since). */
  readonly target: number | null;
  readonly comment: string | null;
  /** Its table, the columns and functions it reads (pg_depend). Not compared. */
  readonly dependsOn: readonly ObjectId[];
}
