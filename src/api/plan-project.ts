import { introspectAll, type Introspection } from '../introspect/index.js';
import type { UnmanagedObject } from '../model/unmanaged.js';
import type { Model } from '../model/index.js';
import path from 'node:path';
import { classifySource, sourceLabel } from '../db/url.js';
import { dataDirFingerprint } from '../db/pglite-fingerprint.js';
import { openSource } from '../db/pglite.js';
import type { Queryable } from '../db/queryable.js';
import { betweenPhases, readStatuses } from '../apply/index.js';
import { diffModels, type ModelDiff } from './diff-databases.js';
import { loadDesiredSchema } from './desired.js';
import { assertSchemaDeclaresSomething } from './empty-schema.js';
import { projectDiffOptions, projectPlanOptions } from './plan-options.js';
import { assertIntact, readHistory, replayedSchema } from './history.js';
import { parseSource, loadSource } from './sources.js';
import { unmanagedNotes } from './unmanaged.js';
import { readMigrations } from '../migrations/index.js';
import { resolveDatabase, resolveLocalSource, type Project } from './project.js';
import { keyText, modelCacheKey, readCachedModel, storeCachedModel } from '../verify/model-cache.js';
import { replayCacheDir } from '../verify/replay-cache.js';

export interface PlanOptions {
  /** 'migrations', or any source; default: the project's database. */
  readonly from?: string;
  readonly database?: string;
  readonly allowHazards?: boolean;
  /** Plan to schema files that declare nothing although the database holds objects (drops them all). */
  readonly allowEmptySchema?: boolean;
  /** Told what the plan is doing, for a command's progress line. */
  readonly onStep?: (what: string) => void;
}

export interface ProjectPlan {
  /** What the plan starts from, safe to print. */
  readonly fromLabel: string;
  readonly from: Model;
  readonly to: Model;
  readonly result: ModelDiff;
  /** Things the reader must know to read the plan right (a database between phases), one paragraph each. */
  readonly notes: readonly string[];
  /** One line per object, in the current schema or the desired one, that pgtide does not manage and so did not compare. */
  readonly unmanaged: readonly string[];
}

export async function planProject(project: Project, opts: PlanOptions = {}): Promise<ProjectPlan> {
  opts.onStep?.('reading the database and the schema files');
  const [current, loaded] = await Promise.all([loadCurrent(project, opts), loadDesiredSchema(project)]);
  assertSchemaDeclaresSomething(project, loaded, current, opts.allowEmptySchema);
  const desired = loaded.model;
  opts.onStep?.('planning');
  return {
    fromLabel: current.label,
    from: current.model,
    to: desired,
    result: diffModels(current.model, desired, {
      allowHazards: opts.allowHazards ?? false, plan: projectPlanOptions(project.config), diff: projectDiffOptions(project.config),
    }),
    notes: current.notes,
    unmanaged: unmanagedNotes([
      { label: current.label, objects: current.unmanaged },
      { label: `the schema in ${project.configPath}`, objects: loaded.unmanaged },
    ]),
  };
}

interface Current {
  readonly label: string;
  readonly model: Model;
  readonly notes: readonly string[];
  readonly unmanaged: readonly UnmanagedObject[];
}

/**
 * A database between the phases of a migration still holds that migration's helper objects and
 * lacks its drops, so a plan from it shows those as changes to make. Applying the remaining phases
 * is what finishes them; the note says so instead of letting the plan read as work to generate.
 */
async function midMigrationNotes(project: Project, db: Queryable, label: string): Promise<string[]> {
  // Only which phases exist: the folders, without hashing every file for pgtide.sum.
  const folders = await readMigrations(project.migrationsDir);
  return betweenPhases(await readStatuses(db, folders)).map((m) => {
    const left = m.phases.filter((p) => p.state === 'pending' || p.state === 'partial').map((p) => p.phase);
    return `${label} is in the middle of migration ${m.version}_${m.name}: its ${left.join(' and ')} phase${left.length > 1 ? 's have' : ' has'} not run yet, so this plan goes on from that migration's expand (its shadow columns and sync triggers are taken over, not created again) and includes its pending drops. Finish it with "pgtide apply" (or plan with --from migrations) rather than generating these changes again.`;
  });
}

async function loadCurrent(project: Project, opts: PlanOptions): Promise<Current> {
  const schemas = project.config.schemas;
  const ignore = project.config.ignore;
  if (opts.from === 'migrations') {
    const history = await readHistory(project);
    assertIntact(project, history);
    const replayed = await replayedSchema(project, history);
    return { label: `migrations in ${project.migrationsDir}`, model: replayed.model, notes: [], unmanaged: replayed.unmanaged };
  }
  if (opts.from) {
    const spec = resolveLocalSource(opts.from, process.cwd(), '--from');
    const read = await loadSource(parseSource(spec, process.cwd(), '--from'), { schemas });
    return { label: sourceLabel(spec), model: read.model, notes: [], unmanaged: read.unmanaged };
  }
  const spec = resolveDatabase(project, opts.database);
  const label = sourceLabel(spec);
  const parsed = classifySource(spec);
  const read = async (): Promise<CurrentRead> => {
    opts.onStep?.(parsed?.type === 'postgres' ? `reading ${label}` : `starting the embedded database ${label}`);
    // No bundle beyond those a data folder was opened with: a plan only reads.
    const db = await openSource(spec, { readOnly: true, extensions: [] });
    try {
      return { read: await introspectAll(db, { schemas, ignore }), notes: await midMigrationNotes(project, db, label) };
    } finally {
      await db.close();
    }
  };
  const { read: current, notes } = parsed?.type === 'pglite-dir' ? await cachedDataDirRead(project, parsed.dir, read) : await read();
  return { label, model: current.model, notes, unmanaged: current.unmanaged };
}

/**
 * A PGlite data folder's read (the embedded development database of the Quick start), reused while
 * no file of the folder changed, so that a warm plan starts no PGlite. The key covers the folder's
 * fingerprint, the introspection options and the migration folders (the notes name their phases).
 * It is taken again after the read: opening the folder writes to it, and the next run sees the
 * folder as this read left it.
 */
interface CurrentRead {
  readonly read: Introspection;
  readonly notes: readonly string[];
}

async function cachedDataDirRead(project: Project, dir: string, read: () => Promise<CurrentRead>): Promise<CurrentRead> {
  const options = keyText({ schemas: project.config.schemas, ignore: project.config.ignore });
  if (options === null) return read();
  const folders = (await readMigrations(project.migrationsDir)).map((f) => `${f.dir}:${Object.keys(f.files).sort().join(',')}`).join('\n');
  const cacheDir = replayCacheDir(project.root);
  const keyOf = (fingerprint: string): string => modelCacheKey('pglite-dir', [path.resolve(dir), fingerprint, options, folders]);
  const before = await dataDirFingerprint(dir);
  if (before !== null) {
    const hit = await readCachedModel(cacheDir, keyOf(before));
    if (hit !== null && Array.isArray(hit.extra) && hit.extra.every((n) => typeof n === 'string')) return { read: hit.read, notes: hit.extra };
  }
  const fresh = await read();
  const after = await dataDirFingerprint(dir);
  if (after !== null) await storeCachedModel(cacheDir, keyOf(after), fresh.read, fresh.notes);
  return fresh;
}
