/**
 * The one interface pgtide talks to databases through, implemented over node-postgres and PGlite.
 * Everything above src/db sees only this.
 */
export interface QueryResult<R> {
  readonly rows: R[];
  /** Rows touched by an INSERT/UPDATE/DELETE, when the driver reports it. */
  readonly affectedRows: number | null;
}

export type Engine = 'postgres' | 'pglite';

export interface Queryable {
  readonly engine: Engine;
  /** server_version_num, e.g. 150020 or 180006. */
  readonly serverVersion: number;
  /** The source as given, with any password redacted: safe to print. */
  readonly displayName: string;
  /** One statement with $n parameters. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** A script of one or more statements, no parameters (simple query protocol). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
