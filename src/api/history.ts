import type { Queryable } from '../db/queryable.js';
import { scratchPglite } from '../db/pglite.js';
import { PGLITE_CONTRIB } from '../db/pglite-contrib.js';
import { usageError } from '../errors.js';
import { introspectAll, type Introspection } from '../introspect/index.js';
import type { Model } from '../model/index.js';
import { checkSum, computeSum, createdExtensions, MIGRATION_FILES, readMigrations, type MigrationFolder, type SumProblem } from '../migrations/index.js';
import { replayFolders } from '../verify/replay.js';
import { cachedIntrospection, keyText, modelCacheKey } from '../verify/model-cache.js';
import { openLongestPrefix, prefixKeys, replayCacheDir, saveSnapshot, type ReplayCache } from '../verify/replay-cache.js';
import type { Project } from './project.js';

export interface History {
  readonly folders: readonly MigrationFolder[];
  readonly problems: readonly SumProblem[];
}

export async function readHistory(project: Project): Promise<History> {
  const folders = await readMigrations(project.migrationsDir);
  const problems = await checkSum(project.migrationsDir, folders);
  return { folders, problems };
}

/** Refuses to build on a history whose files no longer match pgtide.sum (exit 2). */
export function assertIntact(project: Project, history: History): void {
  if (history.problems.length === 0) return;
  const list = history.problems.map((p) => `  - ${describeSumProblem(p)}`).join('\n');
  throw usageError(
    `The migrations in ${project.migrationsDir} do not match pgtide.sum:\n${list}\nMigration files must not be edited once generated: restore them from version control, or, if the change is intended and nothing was applied yet, regenerate the migration.`,
  );
}

export function describeSumProblem(p: SumProblem): string {
  return 'message' in p && typeof p.message === 'string' ? p.message : JSON.stringify(p);
}

/**
 * A scratch PGlite holding the state the whole history produces; the caller closes it. With a
 * cache, it starts from the snapshot of the longest unchanged prefix of the history and stores the
 * result for the next command (see src/verify/replay-cache.ts).
 */
export async function replayHistory(folders: readonly MigrationFolder[], cache: ReplayCache | null = null): Promise<Queryable> {
  if (!cache) {
    const db = await scratchPglite({ extensions: historyExtensions(folders) });
    try {
      await replayFolders(db, folders);
      return db;
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  const keys = prefixKeys(folders, cache.extensions);
  const start = await openLongestPrefix(cache, keys);
  try {
    await replayFolders(start.db, folders.slice(start.count));
    const last = keys[keys.length - 1];
    if (last !== undefined && start.count < folders.length) await saveSnapshot(cache, last, start.db);
    return start.db;
  } catch (err) {
    await start.db.close();
    throw err;
  }
}

/**
 * The project's replay cache (node_modules/.cache/pgtide, or .pgtide/cache) for a history. `more`
 * names extensions that SQL run after the history will create (a migration being generated), whose
 * bundles PGlite must have loaded at start-up: it cannot load one later.
 */
export function projectCache(project: Project, folders: readonly MigrationFolder[], more: readonly string[] = []): ReplayCache {
  const extensions = new Set([...historyExtensions(folders), ...more.filter((n) => n in PGLITE_CONTRIB)]);
  return { dir: replayCacheDir(project.root), extensions: [...extensions] };
}

/**
 * Contrib extensions must be loaded into PGlite before CREATE EXTENSION can find them. Sources
 * whose SQL pgtide did not write (a .sql folder, hand-written files) load every bundle.
 */
export const ALL_CONTRIB: readonly string[] = Object.keys(PGLITE_CONTRIB);

/** The extensions a history creates; loading only these keeps each replay's start-up short. */
export function historyExtensions(folders: readonly MigrationFolder[]): string[] {
  const names = new Set<string>();
  for (const folder of folders) {
    for (const file of MIGRATION_FILES) {
      const sql = folder.files[file];
      if (sql) for (const name of createdExtensions(sql, `${folder.dir}/${file}.sql`)) names.add(name);
    }
  }
  return [...names].filter((n) => n in PGLITE_CONTRIB);
}

/**
 * The model the whole history produces. It is cached by pgtide.sum's total of the history (every
 * byte, name and position of every migration file, and so the extensions it creates) and the
 * introspection options, so an unchanged history is read back without lexing it or starting PGlite.
 */
export async function replayedModel(project: Project, history: History): Promise<Model> {
  return (await replayedSchema(project, history)).model;
}

/** replayedModel, with what the history's SQL made that no reader models (hand-written migrations can). */
export async function replayedSchema(project: Project, history: History): Promise<Introspection> {
  const options = { schemas: project.config.schemas, ignore: project.config.ignore };
  const replay = async (): Promise<Introspection> => {
    const db = await replayHistory(history.folders, projectCache(project, history.folders));
    try {
      return await introspectAll(db, options);
    } finally {
      await db.close();
    }
  };
  const optionsText = keyText(options);
  if (history.folders.length === 0 || optionsText === null) return replay();
  const key = modelCacheKey('replayed', [computeSum(history.folders).total, optionsText]);
  return cachedIntrospection(replayCacheDir(project.root), key, replay);
}
