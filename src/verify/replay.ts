import type { Queryable } from '../db/queryable.js';
import { usageError } from '../errors.js';
import { PHASE_FILES, type MigrationFileKind, type MigrationFolder } from '../migrations/index.js';
import { runFile, StatementError } from '../apply/parts.js';

/** The phase files replay runs, in order: the migration's phases. */
export const REPLAY_PHASES = PHASE_FILES;
export type ReplayFile = MigrationFileKind;

/**
 * Runs one migration file the way `apply` does (src/apply/parts.ts is shared by both): consecutive
 * transactional statements in one transaction, `-- pgtide:no-transaction` statements on their own,
 * `-- pgtide:batch` statements repeated until they touch no row. Replay and apply must agree, or
 * verification proves nothing.
 */
export async function runMigrationFile(db: Queryable, sql: string, where: string): Promise<void> {
  try {
    await runFile(db, sql, where);
  } catch (err) {
    throw asUsageError(err);
  }
}

/** A failed statement is the migration file's fault: one paragraph, exit 2. */
export function asUsageError(err: unknown): unknown {
  if (!(err instanceof StatementError)) return err;
  return usageError(
    `${err.where}:${err.line}: the statement failed: ${err.reason}. Fix the migration file (or the schema that generated it), then run the command again.`,
    err.cause,
  );
}

/** Applies whole migration folders in order: expand, migrate, contract of each. */
export async function replayFolders(db: Queryable, folders: readonly MigrationFolder[]): Promise<void> {
  for (const folder of folders) {
    for (const phase of REPLAY_PHASES) {
      const sql = folder.files[phase];
      if (sql) await runMigrationFile(db, sql, `${folder.dir}/${phase}.sql`);
    }
  }
}
