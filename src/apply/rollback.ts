import type { Queryable } from '../db/queryable.js';
import { usageError } from '../errors.js';
import { FILE_NAMES, folderName, type MigrationFolder } from '../migrations/index.js';
import type { HazardApproval } from '../plan/gate.js';
import { assertHistoryIntact, readStatuses, type LockWait } from './apply.js';
import { downHazards, rollbackGateError, unapproved, type DownHazard } from './down-hazards.js';
import { ensureHistoryTable, recordRollback } from './history-table.js';
import { acquireMigrationLock } from './lock.js';
import { fileParts, runPart } from './parts.js';
import { runtimeFailure, type StepTimeouts } from './runner.js';
import { fileChecksum, integrityProblems, isStarted, type MigrationStatus } from './work.js';

export interface RollbackOptions extends LockWait {
  readonly dryRun?: boolean;
  readonly timeouts: StepTimeouts;
  /** Approval for what down.sql loses (`--allow-hazards`); nothing is approved by default. */
  readonly allowHazards?: HazardApproval;
  /** Told what down.sql loses, before it runs (only when every hazard is approved). */
  readonly onHazards?: (hazards: readonly DownHazard[]) => void;
}

interface Checked {
  /** What down.sql would lose on this database. */
  readonly hazards: readonly DownHazard[];
  /** False when the phases were recorded by a pgtide that did not keep down.sql's checksum. */
  readonly downRecorded: boolean;
}

export type RollbackOutcome =
  | { readonly status: 'nothing' }
  | ({ readonly status: 'rolled-back'; readonly migration: string; readonly script: string; readonly durationMs: number } & Checked)
  /** `blocked`: the hazards a real run would refuse (exit 4) without more approval. */
  | ({ readonly status: 'dry-run'; readonly migration: string; readonly script: string; readonly durationMs: number; readonly blocked: readonly DownHazard[] } & Checked);

interface Target {
  readonly m: MigrationStatus;
  readonly folder: MigrationFolder;
  readonly down: string;
}

function rollbackTarget(statuses: readonly MigrationStatus[]): Target | null {
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

/**
 * down.sql must be the file that was there when the migration was applied: pgtide.sum alone
 * cannot prove it, because it is rewritten with the files. Returns false when no applied phase
 * recorded a checksum (an older pgtide applied them), so there is nothing to compare with.
 */
function checkDownRecorded(t: Target): boolean {
  const recorded = t.m.phases.flatMap((p) => (p.applied?.downChecksum ? [p.applied.downChecksum] : []));
  const now = fileChecksum(t.down);
  if (recorded.some((c) => c !== now)) {
    const file = `${folderName(t.folder)}/${FILE_NAMES.down}`;
    throw usageError(
      `${file} is not the down.sql that was there when ${folderName(t.folder)} was applied to this database (it changed since), so pgtide will not run it and nothing was run. Restore it from version control as it was when the migration was applied and run "pgtide rollback" again; to undo the migration differently, roll forward with a new migration.`,
    );
  }
  return recorded.length > 0;
}

/** Runs down.sql of the newest applied migration whose contract has not run, and records it. */
export async function rollbackNewest(db: Queryable, migrationsDir: string, folders: readonly MigrationFolder[], opts: RollbackOptions): Promise<RollbackOutcome> {
  const allow = opts.allowHazards ?? false;
  const pick = async (): Promise<(Target & Checked) | null> => {
    const statuses = await readStatuses(db, folders);
    assertHistoryIntact(migrationsDir, integrityProblems(statuses, { allowOutOfOrder: true }));
    const target = rollbackTarget(statuses);
    if (!target) return null;
    const downRecorded = checkDownRecorded(target);
    return { ...target, downRecorded, hazards: await downHazards(db, target.folder) };
  };
  if (opts.dryRun) {
    const t = await pick();
    if (!t) return { status: 'nothing' };
    const blocked = unapproved(t.hazards, allow);
    return { status: 'dry-run', migration: folderName(t.folder), script: t.down, durationMs: 0, hazards: t.hazards, blocked, downRecorded: t.downRecorded };
  }
  const release = await acquireMigrationLock(db, { waitMs: opts.lockWaitMs, ...(opts.onLockWait ? { onWait: opts.onLockWait } : {}) });
  try {
    await ensureHistoryTable(db);
    const t = await pick();
    if (!t) return { status: 'nothing' };
    const blocked = unapproved(t.hazards, allow);
    if (blocked.length > 0) throw rollbackGateError(folderName(t.folder), blocked);
    if (t.hazards.length > 0) opts.onHazards?.(t.hazards);
    const started = Date.now();
    const where = `${folderName(t.folder)}/${FILE_NAMES.down}`;
    const limits = { lockMs: opts.timeouts.lockTimeoutMs, statementMs: opts.timeouts.statementTimeoutMs };
    try {
      for (const part of fileParts(t.down, where)) await runPart(db, part, where, { limits });
    } catch (err) {
      throw runtimeFailure(err, db, 'The rollback stopped there and is not recorded: fix the cause (or finish the remaining statements of down.sql by hand) and run "pgtide rollback" again.');
    }
    const durationMs = Date.now() - started;
    await recordRollback(db, { version: t.m.version, name: t.m.name, checksum: fileChecksum(t.down), durationMs });
    return { status: 'rolled-back', migration: folderName(t.folder), script: t.down, durationMs, hazards: t.hazards, downRecorded: t.downRecorded };
  } finally {
    await release();
  }
}
