import { openSource } from '../db/pglite.js';
import type { Queryable } from '../db/queryable.js';
import { classifySource, redactSecrets } from '../db/url.js';
import { isPgtideError, runtimeError } from '../errors.js';
import {
  applyMigrations,
  durationMs,
  type ApplyListener,
  type ApplyOutcome,
  type ApplyPhase,
  type StepTimeouts,
} from '../apply/index.js';
import { assertIntact, historyExtensions, readHistory } from './history.js';
import { resolveDatabase, type Project } from './project.js';
import { projectPlanOptions } from './plan-options.js';
import { planOptions } from '../plan/options.js';

export { APPLY_PHASES, type ApplyPhase } from '../apply/index.js';

const DEFAULT_LOCK_RETRIES = 3;
const DEFAULT_LOCK_WAIT = '1min';
const BACKOFF_MS = 250;

/**
 * The limits apply runs statements under: the same defaults the planner shows for each step, so
 * what `plan` reports is what `apply` does; long steps carry their own `-- pgtide:timeout`.
 */
export function projectTimeouts(project: Project): StepTimeouts {
  const c = project.config;
  const o = planOptions(projectPlanOptions(c));
  return {
    lockTimeoutMs: o.lockTimeoutMs,
    statementTimeoutMs: o.statementTimeoutMs,
    lockRetries: c.lockRetries ?? DEFAULT_LOCK_RETRIES,
    backoffMs: BACKOFF_MS,
  };
}

/**
 * Opens the project's database (--database, DATABASE_URL, config, embedded default). `extensions`
 * are the contrib modules the SQL about to run creates: on PGlite their bundles must be loaded
 * before it starts (a data folder also loads every bundle it was opened with before).
 */
export async function openTarget(project: Project, flag: string | undefined, readOnly: boolean, extensions: () => readonly string[] = () => []): Promise<Queryable> {
  const spec = resolveDatabase(project, flag);
  // Lexed only for PGlite: a server has its extensions installed, and a long history costs time to lex.
  const embedded = classifySource(spec)?.type !== 'postgres';
  try {
    return await openSource(spec, { readOnly, extensions: embedded ? extensions() : [], applicationName: 'pgtide' });
  } catch (err) {
    if (isPgtideError(err)) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw runtimeError(`${redactSecrets(message)}. Check --database, DATABASE_URL or "database" in ${project.configPath}, and that the server is reachable.`, err);
  }
}

export interface ProjectApplyOptions {
  readonly database?: string;
  readonly phase: ApplyPhase;
  readonly to?: string | null;
  readonly dryRun?: boolean;
  readonly allowOutOfOrder?: boolean;
  readonly listen?: ApplyListener;
  readonly onLockWait?: (holderPid: number | null) => void;
}

export interface ProjectApplyResult extends ApplyOutcome {
  readonly database: string;
}

export function lockWaitMs(project: Project): number {
  return durationMs(project.config.lockWaitTimeout ?? DEFAULT_LOCK_WAIT);
}

/** Applies the project's pending migrations to its database; see src/apply/apply.ts. */
export async function applyProject(project: Project, opts: ProjectApplyOptions): Promise<ProjectApplyResult> {
  const history = await readHistory(project);
  assertIntact(project, history);
  const db = await openTarget(project, opts.database, opts.dryRun ?? false, () => historyExtensions(history.folders));
  try {
    const outcome = await applyMigrations(db, project.migrationsDir, history.folders, {
      phase: opts.phase,
      to: opts.to ?? null,
      dryRun: opts.dryRun ?? false,
      allowOutOfOrder: opts.allowOutOfOrder ?? false,
      timeouts: projectTimeouts(project),
      lockWaitMs: lockWaitMs(project),
      ...(opts.listen ? { listen: opts.listen } : {}),
      ...(opts.onLockWait ? { onLockWait: opts.onLockWait } : {}),
    });
    return { ...outcome, database: db.displayName };
  } finally {
    await db.close();
  }
}
