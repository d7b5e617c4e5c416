import { rollbackNewest, type RollbackOutcome } from '../apply/index.js';
import { lockWaitMs, openTarget, projectTimeouts } from './apply.js';
import { assertIntact, readHistory } from './history.js';
import type { Project } from './project.js';

export interface ProjectRollbackOptions {
  readonly database?: string;
  readonly dryRun?: boolean;
  readonly onLockWait?: (holderPid: number | null) => void;
}

export async function rollbackProject(project: Project, opts: ProjectRollbackOptions): Promise<RollbackOutcome & { readonly database: string }> {
  const history = await readHistory(project);
  assertIntact(project, history);
  const db = await openTarget(project, opts.database, opts.dryRun ?? false);
  try {
    const outcome = await rollbackNewest(db, project.migrationsDir, history.folders, {
      dryRun: opts.dryRun ?? false,
      timeouts: projectTimeouts(project),
      lockWaitMs: lockWaitMs(project),
      ...(opts.onLockWait ? { onLockWait: opts.onLockWait } : {}),
    });
    return { ...outcome, database: db.displayName };
  } finally {
    await db.close();
  }
}
