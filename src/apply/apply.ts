import type { Queryable } from '../db/queryable.js';
import { usageError } from '../errors.js';
import type { MigrationFolder } from '../migrations/index.js';
import { ensureHistoryTable, readAppliedHistory } from './history-table.js';
import { acquireMigrationLock } from './lock.js';
import { runWork, type AppliedItem, type ApplyListener, type StepTimeouts } from './runner.js';
import { dryRunScript, selectWork, type ApplyPhase, type WorkItem } from './select.js';
import { integrityProblems, migrationStatuses, type IntegrityProblem, type MigrationStatus } from './work.js';

export interface LockWait {
  readonly lockWaitMs: number;
  /** Told once when another process holds the migration lock. */
  readonly onLockWait?: (holderPid: number | null) => void;
}

export interface ApplyOptions extends LockWait {
  readonly phase: ApplyPhase;
  /** Apply migrations up to and including this version. */
  readonly to?: string | null;
  readonly dryRun?: boolean;
  readonly allowOutOfOrder?: boolean;
  readonly timeouts: StepTimeouts;
  readonly listen?: ApplyListener;
}

export interface ApplyOutcome {
  readonly items: readonly WorkItem[];
  readonly applied: readonly AppliedItem[];
  /** For --dry-run: exactly what would run. */
  readonly script: string | null;
}

/** Refuses to touch a database whose recorded history no longer matches the files (exit 2). */
export function assertHistoryIntact(migrationsDir: string, problems: readonly IntegrityProblem[]): void {
  if (problems.length === 0) return;
  throw usageError(
    `The migrations in ${migrationsDir} do not match what the database recorded as applied:\n${problems.map((p) => `  - ${p.message}`).join('\n')}\nNothing was applied.`,
  );
}

/** Statuses of every migration against the database's history, without changing anything. */
export async function readStatuses(db: Queryable, folders: readonly MigrationFolder[]): Promise<MigrationStatus[]> {
  return migrationStatuses(folders, await readAppliedHistory(db));
}

function checkTo(folders: readonly MigrationFolder[], to: string | null | undefined): string | null {
  if (to === undefined || to === null) return null;
  if (!folders.some((f) => f.version === to)) {
    throw usageError(`--to ${to}: no migration folder has this version. Use the version part of a folder name (e.g. 20261122T101500Z), as "pgtide status" lists them.`);
  }
  return to;
}

/**
 * Applies pending migration phases under the migration lock. Every phase is recorded in
 * pgtide.migrations, and every part of a phase as it finishes, so a re-run after any failure or
 * crash continues where this one stopped.
 */
export async function applyMigrations(db: Queryable, migrationsDir: string, folders: readonly MigrationFolder[], opts: ApplyOptions): Promise<ApplyOutcome> {
  const to = checkTo(folders, opts.to);
  const plan = (statuses: MigrationStatus[]): WorkItem[] => {
    assertHistoryIntact(migrationsDir, integrityProblems(statuses, { allowOutOfOrder: opts.allowOutOfOrder ?? false }));
    return selectWork(statuses, opts.phase, to);
  };
  if (opts.dryRun) {
    const items = plan(await readStatuses(db, folders));
    return { items, applied: [], script: dryRunScript(items) };
  }
  const release = await acquireMigrationLock(db, { waitMs: opts.lockWaitMs, ...(opts.onLockWait ? { onWait: opts.onLockWait } : {}) });
  try {
    // Under the lock: concurrent first runs would otherwise race on CREATE TABLE IF NOT EXISTS.
    await ensureHistoryTable(db);
    const items = plan(await readStatuses(db, folders));
    const applied = await runWork(db, items, opts.timeouts, opts.listen);
    return { items, applied, script: null };
  } finally {
    await release();
  }
}
