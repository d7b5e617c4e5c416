import { existsSync, statSync } from 'node:fs';
import { ADAPTERS, appliedIds, markApplied, toPgtideMigrations, type PassedOver, type Tool } from '../adopt/index.js';
import { openSource, scratchPglite } from '../db/pglite.js';
import { sourceLabel } from '../db/url.js';
import { isPgtideError, runtimeError, usageError } from '../errors.js';
import { readMigrations, writeMigration, writeSum } from '../migrations/index.js';
import { REPLAY_PHASES, runMigrationFile } from '../verify/replay.js';
import { ALL_CONTRIB } from './history.js';
import type { Project } from './project.js';

export { parseTool } from '../adopt/index.js';

export interface ImportOptions {
  readonly tool: Tool;
  /** The tool's migrations folder. */
  readonly dir: string;
  /** Mark what the tool applied to this database as applied in pgtide's history. */
  readonly database?: string;
}

export interface ImportResult {
  readonly written: readonly string[];
  /** Versions recorded as applied (empty without a database). */
  readonly marked: readonly string[];
  /** The tool's history table was not found in the database. */
  readonly noToolHistory: boolean;
  /** Files in the tool's folder that were not imported, each with the reason. */
  readonly passedOver: readonly PassedOver[];
}

/**
 * Converts another tool's SQL history into pgtide folders. The new history is replayed in PGlite
 * before anything is written; with a database, the migrations that tool applied there are recorded
 * as applied in pgtide's history (nothing is run on that database).
 */
export async function importHistory(project: Project, opts: ImportOptions): Promise<ImportResult> {
  if (!existsSync(opts.dir) || !statSync(opts.dir).isDirectory()) throw usageError(`${opts.dir} is not a folder. Give the ${opts.tool} migrations folder.`);
  const existing = await readMigrations(project.migrationsDir);
  if (existing.length > 0) {
    throw usageError(`${project.migrationsDir} already has ${existing.length} migration(s); import starts a history and needs it empty. Import into a new project, or move the folders away.`);
  }
  const { migrations: foreign, passedOver } = await ADAPTERS[opts.tool].read(opts.dir);
  if (foreign.length === 0) throw usageError(`${opts.dir} holds no ${opts.tool} migrations. Is --from right?`);
  const migrations = toPgtideMigrations(opts.tool, foreign);
  await proveReplay(migrations);
  let applied: typeof migrations = [];
  let noToolHistory = false;
  if (opts.database) {
    // Read before writing anything, so a bad URL leaves no half-done import.
    const db = await openSource(opts.database);
    try {
      const ids = await appliedIds(db, ADAPTERS[opts.tool]);
      noToolHistory = ids === null;
      applied = migrations.filter((m) => ids?.has(m.sourceId) ?? false);
      for (const m of migrations) await writeMigration(project.migrationsDir, m);
      await writeSum(project.migrationsDir, await readMigrations(project.migrationsDir));
      if (applied.length > 0) await markApplied(db, applied);
    } catch (err) {
      if (isPgtideError(err)) throw err;
      throw runtimeError(`${sourceLabel(opts.database)}: ${err instanceof Error ? err.message : String(err)}. Nothing was marked as applied; fix the problem and import again into an empty migrations folder.`, err);
    } finally {
      await db.close();
    }
  } else {
    for (const m of migrations) await writeMigration(project.migrationsDir, m);
    await writeSum(project.migrationsDir, await readMigrations(project.migrationsDir));
  }
  const written = (await readMigrations(project.migrationsDir)).map((f) => f.dir);
  return { written, marked: applied.map((m) => m.version), noToolHistory, passedOver };
}

const CREATE_EXTENSION = /create\s+extension\s+(?:if\s+not\s+exists\s+)?"?([a-z0-9_-]+)"?/gi;

/** Contrib bundles the history creates; loading all of them into PGlite costs seconds. */
function extensionsUsed(migrations: ReturnType<typeof toPgtideMigrations>): string[] {
  const names = new Set<string>();
  for (const m of migrations) for (const sql of Object.values(m.files)) for (const hit of sql.matchAll(CREATE_EXTENSION)) names.add(hit[1]!.toLowerCase());
  return ALL_CONTRIB.filter((name) => names.has(name));
}

async function proveReplay(migrations: ReturnType<typeof toPgtideMigrations>): Promise<void> {
  const db = await scratchPglite({ extensions: extensionsUsed(migrations) });
  try {
    for (const m of migrations) {
      for (const phase of REPLAY_PHASES) {
        const sql = m.files[phase];
        if (sql) await runMigrationFile(db, sql, `${m.version}_${m.name}/${phase}.sql (not written yet)`);
      }
    }
  } finally {
    await db.close();
  }
}
