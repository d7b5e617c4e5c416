import { createHash } from 'node:crypto';
import { assertHistoryIntact, fileParts, integrityProblems, readStatuses, runPart, type MigrationStatus } from '../apply/index.js';
import { scratchPglite } from '../db/pglite.js';
import type { Queryable } from '../db/queryable.js';
import type { Change } from '../diff/change.js';
import { diff } from '../diff/index.js';
import { describeChange, displayName } from '../diff/describe-change.js';
import { objectId, type DbObject } from '../model/index.js';
import { introspectAll, type Introspection } from '../introspect/index.js';
import { FILE_NAMES, type MigrationFolder, type MigrationPhaseFile } from '../migrations/index.js';
import { keyText, modelCacheKey, readCachedModel, storeCachedModel } from '../verify/model-cache.js';
import { asUsageError } from '../verify/replay.js';
import { replayCacheDir } from '../verify/replay-cache.js';
import { openTarget } from './apply.js';
import { alignEngineDefaults, readEngineSide, type EngineSide, type EngineVersionDifference } from './extension-versions.js';
import { assertIntact, historyExtensions, readHistory } from './history.js';
import type { Project } from './project.js';
import { projectDiffOptions } from './plan-options.js';
import { unmanagedNotes } from './unmanaged.js';

export type DriftKind = 'added' | 'removed' | 'changed';

export interface DriftItem {
  readonly kind: DriftKind;
  /** One line for people, e.g. `drop column public.users.email`. */
  readonly description: string;
  /** The diff's changes behind the item: two when an object was replaced (drop and create). */
  readonly changes: readonly Change[];
}

export interface DriftReport {
  readonly database: string;
  /** Applied phases that were replayed to compute the expected state. */
  readonly phases: number;
  readonly drift: readonly DriftItem[];
  /**
   * Extensions at their engine's default version on both sides, which differ only because the
   * history was replayed on another engine (PGlite) than the live database's: not drift.
   */
  readonly engineVersions: readonly EngineVersionDifference[];
  /**
   * One line per object, in the live database or the replay, that pgtide does not manage: drift in
   * them goes unseen, so "no drift" holds only for the objects pgtide manages.
   */
  readonly unmanaged: readonly string[];
}

/** From the expected state to the live one: what someone added, removed or changed by hand. */
export function driftKind(change: Change): DriftKind {
  const verb = change.kind.split('.')[1];
  if (verb === 'create' || verb === 'add') return 'added';
  if (verb === 'drop') return 'removed';
  return 'changed';
}

function changedObject(change: Change): DbObject | null {
  if (change.kind.startsWith('column.')) return null;
  const verb = change.kind.split('.')[1];
  if (verb === 'drop' && 'from' in change) return change.from as DbObject;
  if (verb === 'create' && 'to' in change) return change.to as DbObject;
  return null;
}

/**
 * Drift items from the diff. The differ replaces objects it cannot alter (a check constraint with
 * a new expression) by a drop and a create of the same id; for drift that is one changed object.
 */
export function driftItems(changes: readonly Change[]): DriftItem[] {
  const byId = new Map<string, Change[]>();
  for (const c of changes) {
    const obj = changedObject(c);
    if (obj) byId.set(objectId(obj), [...(byId.get(objectId(obj)) ?? []), c]);
  }
  const merged = new Set<Change>();
  const items: DriftItem[] = [];
  for (const c of changes) {
    if (merged.has(c)) continue;
    const obj = changedObject(c);
    const pair = obj ? byId.get(objectId(obj)) ?? [] : [];
    if (obj && pair.length === 2) {
      pair.forEach((p) => merged.add(p));
      items.push({ kind: 'changed', description: `replace ${obj.kind} ${displayName(obj)}`, changes: pair });
    } else {
      items.push({ kind: driftKind(c), description: describeChange(c), changes: [c] });
    }
  }
  return items;
}

interface AppliedRun {
  readonly folder: MigrationFolder;
  readonly phase: MigrationPhaseFile;
  readonly startedAt: Date;
  /** null: the whole file; otherwise the parts that finished. */
  readonly parts: ReadonlySet<number> | null;
}

/** The applied phases in the order the database ran them. */
function appliedRuns(statuses: readonly MigrationStatus[]): AppliedRun[] {
  const runs: AppliedRun[] = [];
  for (const m of statuses) {
    if (!m.folder) continue;
    for (const p of m.phases) {
      if (!p.applied) continue;
      runs.push({ folder: m.folder, phase: p.phase, startedAt: p.applied.startedAt, parts: p.state === 'applied' ? null : p.doneParts });
    }
  }
  // Stable: phases started in the same instant keep version and phase order.
  return runs.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
}

async function replayApplied(db: Queryable, runs: readonly AppliedRun[]): Promise<void> {
  for (const run of runs) {
    const sql = run.folder.files[run.phase];
    if (sql === undefined) continue;
    const where = `${run.folder.dir}/${FILE_NAMES[run.phase]}`;
    for (const [i, part] of fileParts(sql, where).entries()) {
      if (run.parts !== null && !run.parts.has(i)) continue;
      try {
        await runPart(db, part, where);
      } catch (err) {
        throw asUsageError(err);
      }
    }
  }
}

/**
 * Compares the live database with what its applied migrations should have produced, replayed in
 * PGlite in the order they were applied. The live database is only read, in read-only transactions.
 */
export async function driftProject(project: Project, opts: { readonly database?: string } = {}): Promise<DriftReport> {
  const history = await readHistory(project);
  assertIntact(project, history);
  const schemas = project.config.schemas;
  const ignore = project.config.ignore;
  const db = await openTarget(project, opts.database, true);
  let statuses: MigrationStatus[];
  let live;
  let liveUnmanaged;
  let liveSide: EngineSide;
  try {
    await db.exec('BEGIN READ ONLY');
    try {
      statuses = await readStatuses(db, history.folders);
    } finally {
      await db.exec('COMMIT');
    }
    ({ model: live, unmanaged: liveUnmanaged } = await introspectAll(db, { schemas, ignore }));
    liveSide = await readEngineSide(db);
  } finally {
    await db.close();
  }
  // Out-of-order pending migrations are apply's concern, not drift's.
  assertHistoryIntact(project.migrationsDir, integrityProblems(statuses, { allowOutOfOrder: true }));
  const runs = appliedRuns(statuses);
  const { read: replayed, engine } = await replayedRuns(project, history.folders, runs);
  const { expected, differences } = alignEngineDefaults(replayed.model, live, { expected: engine, live: liveSide });
  const changes = diff(expected, live, projectDiffOptions(project.config)).changes;
  const unmanaged = unmanagedNotes([
    { label: db.displayName, objects: liveUnmanaged },
    { label: 'the replayed migrations', objects: replayed.unmanaged },
  ]);
  return { database: db.displayName, phases: runs.length, drift: driftItems(changes), engineVersions: differences, unmanaged };
}

interface StoredEngine {
  readonly engine: EngineSide['engine'];
  readonly serverVersion: number;
  readonly defaults: readonly (readonly [string, string])[];
}

function isStoredEngine(v: unknown): v is StoredEngine {
  const e = v as Partial<StoredEngine> | null;
  return typeof e === 'object' && e !== null && (e.engine === 'pglite' || e.engine === 'postgres') && typeof e.serverVersion === 'number' && Array.isArray(e.defaults);
}

/**
 * The applied runs replayed in PGlite and read back, with PGlite's extension defaults. Cached by
 * what ran, in order (each phase file's bytes, and the parts of a partial one), and the
 * introspection options, so drift on an unchanged history starts no PGlite.
 */
async function replayedRuns(project: Project, folders: readonly MigrationFolder[], runs: readonly AppliedRun[]): Promise<{ read: Introspection; engine: EngineSide }> {
  const options = { schemas: project.config.schemas, ignore: project.config.ignore };
  const replay = async (): Promise<{ read: Introspection; engine: EngineSide }> => {
    const scratch = await scratchPglite({ extensions: historyExtensions(folders) });
    try {
      await replayApplied(scratch, runs);
      return { read: await introspectAll(scratch, options), engine: await readEngineSide(scratch) };
    } finally {
      await scratch.close();
    }
  };
  const optionsText = keyText(options);
  if (optionsText === null) return replay();
  const ran = runs.map((r) => {
    const parts = r.parts === null ? '*' : [...r.parts].sort((a, b) => a - b).join(',');
    return `${r.folder.dir}\t${r.phase}\t${parts}\t${createHash('sha256').update(r.folder.files[r.phase] ?? '').digest('hex')}`;
  });
  const cacheDir = replayCacheDir(project.root);
  const key = modelCacheKey('drift-replay', [ran.join('\n'), optionsText]);
  const hit = await readCachedModel(cacheDir, key);
  if (hit !== null && isStoredEngine(hit.extra)) {
    return { read: hit.read, engine: { engine: hit.extra.engine, serverVersion: hit.extra.serverVersion, defaults: new Map(hit.extra.defaults) } };
  }
  const fresh = await replay();
  const stored: StoredEngine = { engine: fresh.engine.engine, serverVersion: fresh.engine.serverVersion, defaults: [...fresh.engine.defaults] };
  await storeCachedModel(cacheDir, key, fresh.read, stored);
  return fresh;
}
