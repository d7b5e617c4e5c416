import { integrityProblems, readStatuses, type IntegrityProblem, type MigrationStatus } from '../apply/index.js';
import type { SumProblem } from '../migrations/index.js';
import { openTarget } from './apply.js';
import { readHistory } from './history.js';
import type { Project } from './project.js';

export interface ProjectStatus {
  /** The database, safe to print. */
  readonly database: string;
  /** pgtide.sum against the files. */
  readonly sumProblems: readonly SumProblem[];
  /** The files against what the database recorded as applied. */
  readonly problems: readonly IntegrityProblem[];
  readonly migrations: readonly MigrationStatus[];
}

/** Every migration and phase: applied (when, how long), partial, pending, or a problem. Reads only. */
export async function statusProject(project: Project, opts: { readonly database?: string } = {}): Promise<ProjectStatus> {
  const history = await readHistory(project);
  const db = await openTarget(project, opts.database, true);
  try {
    const migrations = await readStatuses(db, history.folders);
    return { database: db.displayName, sumProblems: history.problems, problems: integrityProblems(migrations), migrations };
  } finally {
    await db.close();
  }
}
