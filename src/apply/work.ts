import { createHash } from 'node:crypto';
import { FILE_NAMES, folderName, PHASE_FILES, type MigrationFolder, type MigrationPhaseFile } from '../migrations/index.js';
import type { AppliedHistory, AppliedPhase } from './history-table.js';

/** sha256 of a phase file's text, as recorded in pgtide.migrations.checksum. */
export function fileChecksum(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

export type PhaseState =
  /** finished */
  | 'applied'
  /** some parts ran, then the process stopped */
  | 'partial'
  | 'pending'
  /** the folder has no file for this phase */
  | 'absent';

export interface IntegrityProblem {
  readonly kind: 'edited' | 'missing' | 'out-of-order';
  /** The file or folder concerned, relative to the migrations directory. */
  readonly file: string;
  readonly message: string;
}

export interface PhaseStatus {
  readonly phase: MigrationPhaseFile;
  readonly state: PhaseState;
  readonly applied: AppliedPhase | null;
  /** Finished parts of a partial phase. */
  readonly doneParts: ReadonlySet<number>;
  /** Non-transactional parts that started and never finished: the process died while they ran. */
  readonly interruptedParts: ReadonlySet<number>;
}

export interface MigrationStatus {
  readonly version: string;
  readonly name: string;
  readonly folder: MigrationFolder | null;
  readonly phases: readonly PhaseStatus[];
}

const key = (version: string, phase: string): string => `${version}/${phase}`;

/** Joins the folders with the recorded history, oldest first; recorded versions without a folder included. */
export function migrationStatuses(folders: readonly MigrationFolder[], history: AppliedHistory): MigrationStatus[] {
  const applied = new Map(history.phases.map((p) => [key(p.version, p.phase), p]));
  const done = new Map<string, Set<number>>();
  const interrupted = new Map<string, Set<number>>();
  for (const s of history.steps) {
    const into = s.finished ? done : interrupted;
    const k = key(s.version, s.phase);
    into.set(k, (into.get(k) ?? new Set()).add(s.part));
  }
  const byVersion = new Map<string, MigrationStatus>();
  for (const folder of folders) {
    byVersion.set(folder.version, {
      version: folder.version,
      name: folder.name,
      folder,
      phases: PHASE_FILES.map((phase) => {
        const a = applied.get(key(folder.version, phase)) ?? null;
        const state: PhaseState = folder.files[phase] === undefined && a === null ? 'absent'
          : a?.finishedAt ? 'applied' : a ? 'partial' : 'pending';
        const k = key(folder.version, phase);
        return { phase, state, applied: a, doneParts: done.get(k) ?? new Set(), interruptedParts: interrupted.get(k) ?? new Set() };
      }),
    });
  }
  for (const a of history.phases) {
    if (byVersion.has(a.version)) continue;
    byVersion.set(a.version, {
      version: a.version,
      name: a.name,
      folder: null,
      phases: PHASE_FILES.map((phase) => {
        const rec = applied.get(key(a.version, phase)) ?? null;
        return { phase, state: rec?.finishedAt ? 'applied' : rec ? 'partial' : 'absent', applied: rec, doneParts: new Set(), interruptedParts: new Set() };
      }),
    });
  }
  return [...byVersion.values()].sort((x, y) => (x.version < y.version ? -1 : x.version > y.version ? 1 : 0));
}

/**
 * Migrations the database is in the middle of: a phase ran (or began) while a later one of the same
 * migration did not. Until contract runs, such a database holds the migration's helper objects
 * (shadow columns, sync triggers, compatibility views, NOT VALID checks) and still lacks its drops.
 */
export function betweenPhases(statuses: readonly MigrationStatus[]): MigrationStatus[] {
  return statuses.filter((m) => {
    if (!isStarted(m)) return false;
    return m.phases.some((p) => p.state === 'partial' || p.state === 'pending');
  });
}

export function isStarted(m: MigrationStatus): boolean {
  return m.phases.some((p) => p.applied !== null);
}

/**
 * What the database ran must still be what the files say: an applied phase whose file changed, or
 * an applied migration whose folder is gone, makes every later step unprovable. A migration not
 * started yet but older than one already started is out of order: its expand would run after
 * newer migrations that were written without it.
 */
export function integrityProblems(statuses: readonly MigrationStatus[], opts: { allowOutOfOrder?: boolean } = {}): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  let newestStarted: string | null = null;
  for (const m of statuses) if (isStarted(m) && (newestStarted === null || m.version > newestStarted)) newestStarted = m.version;
  for (const m of statuses) {
    const dir = m.folder ? folderName(m.folder) : `${m.version}_${m.name}`;
    if (!m.folder) {
      problems.push({ kind: 'missing', file: dir, message: `${dir} is recorded as applied in the database but its folder is missing: restore it from version control` });
      continue;
    }
    for (const p of m.phases) {
      if (!p.applied) continue;
      const file = `${dir}/${FILE_NAMES[p.phase]}`;
      const text = m.folder.files[p.phase];
      if (text === undefined) {
        problems.push({ kind: 'missing', file, message: `${file} was applied but does not exist any more: restore it from version control` });
      } else if (fileChecksum(text) !== p.applied.checksum) {
        problems.push({ kind: 'edited', file, message: `${file} was edited after it was applied to this database: restore it from version control and put the change in a new migration` });
      }
    }
    if (!opts.allowOutOfOrder && !isStarted(m) && newestStarted !== null && m.version < newestStarted) {
      problems.push({
        kind: 'out-of-order',
        file: dir,
        message: `${dir} is pending but older than ${newestStarted}, which is already applied (a merged branch?): give it a newer version by generating it again on top, or pass --allow-out-of-order if it is independent`,
      });
    }
  }
  return problems;
}
