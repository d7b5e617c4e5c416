import { rollbackNewest, type DownHazard, type RollbackOutcome } from '../apply/index.js';
import { lockWaitMs, openTarget, projectTimeouts } from './apply.js';
import type { HazardApproval } from './hazard-gate.js';
import { assertIntact, historyExtensions, readHistory } from './history.js';
import type { Project } from './project.js';

export { formatDownHazards, type DownHazard } from '../apply/index.js';

export interface ProjectRollbackOptions {
  readonly database?: string;
  readonly dryRun?: boolean;
  /**
   * Approval for what down.sql would lose (`--allow-hazards`). Only the flag counts: the config's
   * allowHazards approves steps of new migrations at generate, not data a live database holds.
   */
  readonly allowHazards?: HazardApproval;
  readonly onLockWait?: (holderPid: number | null) => void;
  /** Told what down.sql loses, once approved and before it runs. */
  readonly onHazards?: (hazards: readonly DownHazard[]) => void;
}

export async function rollbackProject(project: Project, opts: ProjectRollbackOptions): Promise<RollbackOutcome & { readonly database: string }> {
  const history = await readHistory(project);
  assertIntact(project, history);
  const db = await openTarget(project, opts.database, opts.dryRun ?? false, () => historyExtensions(history.folders));
  try {
    const outcome = await rollbackNewest(db, project.migrationsDir, history.folders, {
      dryRun: opts.dryRun ?? false,
      timeouts: projectTimeouts(project),
      lockWaitMs: lockWaitMs(project),
      allowHazards: opts.allowHazards ?? false,
      ...(opts.onLockWait ? { onLockWait: opts.onLockWait } : {}),
      ...(opts.onHazards ? { onHazards: opts.onHazards } : {}),
    });
    return { ...outcome, database: db.displayName };
  } finally {
    await db.close();
  }
}
