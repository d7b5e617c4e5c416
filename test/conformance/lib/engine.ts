import type { Queryable } from '../../../src/db/queryable.js';
import type { CorpusCase } from './cases.js';

export type EngineName = 'pg' | 'pglite';
export const ENGINE_NAMES: readonly EngineName[] = Object.freeze(['pg', 'pglite']);

/** One fresh, empty database of a case, with the case's roles present. */
export interface CaseDatabase {
  readonly db: Queryable;
  /**
   * Runs a script the way `psql -X -v ON_ERROR_STOP=1 -f` does: statement by statement, outside
   * any implicit transaction, stopping at the first error (thrown with the statement's message).
   */
  runScript(sql: string): Promise<void>;
  /** `pg_dump --schema-only` of the database. */
  dump(): Promise<string>;
}

/** Everything one case needs on one engine; close() releases databases and roles. */
export interface CaseSession {
  database(label: string): Promise<CaseDatabase>;
  close(): Promise<void>;
}

export interface ConformanceEngine {
  readonly name: EngineName;
  /** e.g. `PostgreSQL 15.20 at postgres://…` for report headers. */
  describe(): Promise<string>;
  openCase(c: CorpusCase): Promise<CaseSession>;
  /** How many cases may run at once on this engine without one starving the others. */
  readonly maxParallel: number;
  close(): Promise<void>;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
