import type { Queryable } from '../db/queryable.js';
import { usageError } from '../errors.js';
import { FILE_NAMES, folderName, type MigrationFolder } from '../migrations/index.js';
import { ensureHistoryTable, readAppliedHistory, recordRollback } from './history-table.js';
import { acquireMigrationLock } from './lock.js';
import { fileParts, runPart } from './parts.js';
import { runWork, runtimeFailure, type AppliedItem, type ApplyListener, type StepTimeouts } from './runner.js';
import { dryRunScript, selectWork, type ApplyPhase, type WorkItem } from './select.js';
import { fileChecksum, integrityProblems, isStarted, migrationStatuses, type IntegrityProblem, type MigrationStatus } from './work.js';

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

export interface RollbackOptions extends LockWait {
  readonly dryRun?: boolean;
  readonly timeouts: StepTimeouts;
}

export type RollbackOutcome =
  | { readonly status: 'nothing' }
  | { readonly status: 'rolled-back' | 'dry-run'; readonly migration: string; readonly script: string; readonly durationMs: number };

function rollbackTarget(migrationsDir: string, statuses: readonly MigrationStatus[]): { m: MigrationStatus; folder: MigrationFolder; down: string } | null {
  const started = statuses.filter(isStarted);
  const m = started[started.length - 1];
  if (!m) return null;
  const dir = m.folder ? folderName(m.folder) : `${m.version}_${m.name}`;
  const contract = m.phases.find((p) => p.phase === 'contract');
  if (contract?.applied) {
    throw usageError(
      `${dir}: its contract phase has run, so down.sql can no longer restore what contract removed; roll forward instead: change the schema and run "pgtide generate".`,
    );
  }
  const down = m.folder?.files.down;
  if (!m.folder || down === undefined) {
    throw usageError(`${dir}/${FILE_NAMES.down} does not exist, so the migration cannot be rolled back; roll forward with a new migration instead.`);
  }
  return { m, folder: m.folder, down };
}

/** Runs down.sql of the newest applied migration whose contract has not run, and records it. */
export async function rollbackNewest(db: Queryable, migrationsDir: string, folders: readonly MigrationFolder[], opts: RollbackOptions): Promise<RollbackOutcome> {
  const pick = async (): Promise<ReturnType<typeof rollbackTarget>> => {
    const statuses = await readStatuses(db, folders);
    assertHistoryIntact(migrationsDir, integrityProblems(statuses, { allowOutOfOrder: true }));
    return rollbackTarget(migrationsDir, statuses);
  };
  if (opts.dryRun) {
    const target = await pick();
    if (!target) return { status: 'nothing' };
    return { status: 'dry-run', migration: folderName(target.folder), script: target.down, durationMs: 0 };
  }
  const release = await acquireMigrationLock(db, { waitMs: opts.lockWaitMs, ...(opts.onLockWait ? { onWait: opts.onLockWait } : {}) });
  try {
    await ensureHistoryTable(db);
    const target = await pick();
    if (!target) return { status: 'nothing' };
    const started = Date.now();
    const where = `${folderName(target.folder)}/${FILE_NAMES.down}`;
    const limits = { lockMs: opts.timeouts.lockTimeoutMs, statementMs: opts.timeouts.statementTimeoutMs };
    try {
      for (const part of fileParts(target.down, where)) await runPart(db, part, where, { limits });
    } catch (err) {
      throw runtimeFailure(err, db, 'The rollback stopped there and is not recorded: fix the cause (or finish the remaining statements of down.sql by hand) and run "pgtide rollback" again.');
    }
    const durationMs = Date.now() - started;
    await recordRollback(db, { version: target.m.version, name: target.m.name, checksum: fileChecksum(target.down), durationMs });
    return { status: 'rolled-back', migration: folderName(target.folder), script: target.down, durationMs };
  } finally {
    await release();
  }
}
