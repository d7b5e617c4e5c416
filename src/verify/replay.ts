import type { Queryable } from '../db/queryable.js';
import { usageError } from '../errors.js';
import { splitStatements, type MigrationFolder, type Statement } from '../migrations/index.js';

export const REPLAY_PHASES = ['expand', 'migrate', 'contract'] as const;
export type ReplayFile = (typeof REPLAY_PHASES)[number] | 'down';

/**
 * Runs one migration file the way `apply` will: consecutive transactional statements in one
 * transaction, `-- pgtide:no-transaction` statements on their own, `-- pgtide:batch` statements
 * repeated until they touch no row. Replay and apply must agree, or verification proves nothing.
 */
export async function runMigrationFile(db: Queryable, sql: string, where: string): Promise<void> {
  const statements = splitStatements(sql, where);
  let group: Statement[] = [];
  const flush = async (): Promise<void> => {
    if (group.length === 0) return;
    const batch = group;
    group = [];
    await runInTransaction(db, batch, where);
  };
  for (const st of statements) {
    if (st.directives.noTransaction || st.directives.batch) {
      await flush();
      if (st.directives.batch) await runBatched(db, st, where);
      else await runOne(db, st, where);
    } else {
      group.push(st);
    }
  }
  await flush();
}

async function runOne(db: Queryable, st: Statement, where: string): Promise<number | null> {
  try {
    return (await db.query(st.text)).affectedRows;
  } catch (err) {
    throw statementError(err, st, where);
  }
}

async function runInTransaction(db: Queryable, statements: readonly Statement[], where: string): Promise<void> {
  await db.exec('BEGIN');
  try {
    for (const st of statements) await runOne(db, st, where);
    await db.exec('COMMIT');
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function runBatched(db: Queryable, st: Statement, where: string): Promise<void> {
  // A batch statement that never reaches zero would loop forever; the cap is far above any real
  // backfill (size × cap rows) and turns a broken batch statement into an error instead.
  for (let i = 0; i < 10_000_000; i++) {
    const affected = await runOne(db, st, where);
    if (affected === null) throw usageError(`${where}:${st.line}: a "-- pgtide:batch" statement must be an INSERT, UPDATE or DELETE that reports how many rows it touched.`);
    if (affected === 0) return;
  }
}

function statementError(err: unknown, st: Statement, where: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  return usageError(
    `${where}:${st.line}: the statement failed: ${message}. Fix the migration file (or the schema that generated it), then run the command again.`,
    err,
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
