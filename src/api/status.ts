import { integrityProblems, readStatuses, type IntegrityProblem, type MigrationStatus, type PhaseStatus } from '../apply/index.js';
import type { SumProblem } from '../migrations/index.js';
import { openTarget } from './apply.js';
import { readHistory } from './history.js';
import type { Project } from './project.js';

export type { PhaseStatus };

/**
 * Where one migration stands: every phase it has applied; none started; started and not finished
 * (between phases, or a phase stopped midway); or a problem (its folder missing, an applied file
 * edited, out of order, or its files not as pgtide.sum lists them).
 */
export type MigrationState = 'applied' | 'pending' | 'partial' | 'problem';

export interface MigrationSummary {
  readonly status: MigrationStatus;
  readonly state: MigrationState;
}

export interface StatusSummary {
  readonly migrations: number;
  readonly applied: number;
  readonly pending: number;
  readonly partial: number;
  /** Migrations with a problem; problems about no one migration (pgtide.sum itself) are in `problems`. */
  readonly withProblems: number;
  readonly problems: number;
  /** The phase that finished last, by time. */
  readonly lastApplied: { readonly migration: string; readonly phase: PhaseStatus['phase']; readonly at: Date } | null;
}

export interface ProjectStatus {
  /** The database, safe to print. */
  readonly database: string;
  /** pgtide.sum against the files. */
  readonly sumProblems: readonly SumProblem[];
  /** The files against what the database recorded as applied. */
  readonly problems: readonly IntegrityProblem[];
  readonly migrations: readonly MigrationStatus[];
  /** The migrations again, each with its state, in the same order. */
  readonly states: readonly MigrationSummary[];
  readonly summary: StatusSummary;
}

/** Every migration and phase: applied (when, how long), partial, pending, or a problem. Reads only. */
export async function statusProject(project: Project, opts: { readonly database?: string } = {}): Promise<ProjectStatus> {
  const history = await readHistory(project);
  const db = await openTarget(project, opts.database, true);
  try {
    const migrations = await readStatuses(db, history.folders);
    const problems = integrityProblems(migrations);
    const states = migrations.map((m): MigrationSummary => ({ status: m, state: migrationState(m, [...history.problems, ...problems]) }));
    return {
      database: db.displayName, sumProblems: history.problems, problems, migrations, states,
      summary: summarize(states, history.problems.length + problems.length),
    };
  } finally {
    await db.close();
  }
}

export const migrationLabel = (m: MigrationStatus): string => `${m.version}_${m.name}`;

function migrationState(m: MigrationStatus, problems: readonly { readonly file: string }[]): MigrationState {
  const dir = migrationLabel(m);
  if (m.folder === null || problems.some((p) => p.file === dir || p.file.startsWith(`${dir}/`))) return 'problem';
  const phases = m.phases.filter((p) => p.state !== 'absent');
  if (phases.every((p) => p.state === 'applied')) return 'applied';
  if (phases.every((p) => p.state === 'pending')) return 'pending';
  return 'partial';
}

function summarize(states: readonly MigrationSummary[], problems: number): StatusSummary {
  const count = (s: MigrationState): number => states.filter((m) => m.state === s).length;
  let lastApplied: StatusSummary['lastApplied'] = null;
  for (const { status } of states) {
    for (const p of status.phases) {
      const at = p.state === 'applied' ? p.applied?.finishedAt ?? null : null;
      if (at !== null && (lastApplied === null || at > lastApplied.at)) lastApplied = { migration: migrationLabel(status), phase: p.phase, at };
    }
  }
  return {
    migrations: states.length, applied: count('applied'), pending: count('pending'), partial: count('partial'),
    withProblems: count('problem'), problems, lastApplied,
  };
}
