import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { markApplied } from '../adopt/index.js';
import { readAppliedHistory } from '../apply/index.js';
import { pullSource } from '../codegen/pull.js';
import { openSource, scratchPglite } from '../db/pglite.js';
import { sourceLabel } from '../db/url.js';
import { diff } from '../diff/index.js';
import { describeChange } from '../diff/describe-change.js';
import { runtimeError, usageError } from '../errors.js';
import { introspect } from '../introspect/index.js';
import { readMigrations, newVersion, slugify, writeMigration, writeSum, type MigrationFolder, type NewMigration } from '../migrations/index.js';
import type { Model } from '../model/index.js';
import { migrationBetween } from '../pipeline/migration.js';
import { REPLAY_PHASES, runMigrationFile } from '../verify/replay.js';
import { modelExtensions } from '../verify/normalize.js';
import { assertWritable, pullScope, schemaDir } from './pull.js';
import { replayHistory } from './history.js';
import type { Project } from './project.js';

export interface BaselineOptions {
  /** The database to adopt (already resolved). */
  readonly database: string;
  readonly name?: string;
  /** Overwrite schema files already in the schema folder. */
  readonly force?: boolean;
  readonly now?: Date;
}

export interface BaselineResult {
  readonly dir: string;
  readonly version: string;
  readonly schemaFiles: readonly string[];
  readonly tables: number;
}

/** The migration that turns a new database (`fresh`: schema public and nothing else) into `model`. */
export function baselineMigration(fresh: Model, model: Model, version: string, name: string): NewMigration {
  // Every hazard approved: the baseline creates what the database already holds.
  const { migration } = migrationBetween(fresh, model, { allowHazards: true, render: { as: 'files', version, name } });
  if (migration === null) throw new Error('baselineMigration: the gate held back a step although every hazard is approved');
  return migration;
}

/**
 * Writes the baseline for `model` and replays it in a new PGlite: it must create exactly the model,
 * or nothing is written.
 */
async function provenBaseline(model: Model, version: string, name: string): Promise<NewMigration> {
  const db = await scratchPglite({ extensions: modelExtensions(model) });
  try {
    const migration = baselineMigration(await introspect(db), model, version, name);
    for (const phase of REPLAY_PHASES) {
      const sql = migration.files[phase];
      if (sql) await runMigrationFile(db, sql, `${migration.version}_${migration.name}/${phase}.sql (not written)`);
    }
    const left = diff(await introspect(db), model).changes;
    if (left.length > 0) {
      throw runtimeError(`The baseline migration does not recreate the database; nothing was written. Still different after replay: ${left.map(describeChange).join('; ')}. This is a pgtide bug: please report it.`);
    }
    return migration;
  } finally {
    await db.close();
  }
}

/**
 * Adopts a database that has no pgtide history: its schema is pulled into the schema folder and
 * written as one baseline migration, proven in PGlite and recorded as applied in the database, so
 * the next `generate` holds only new changes. Checks come first; files are written only once the
 * baseline is proven, and the history row last. With a baseline already in the folder (and nothing
 * else), the database is checked against it and it is recorded as applied there.
 */
export async function baselineProject(project: Project, opts: BaselineOptions): Promise<BaselineResult> {
  const existing = await readMigrations(project.migrationsDir);
  if (existing.length === 1 && existing[0]) return recordExistingBaseline(project, existing[0], opts.database);
  if (existing.length > 0) {
    throw usageError(`${project.migrationsDir} already has ${existing.length} migrations; a baseline starts a history. Use "pgtide generate" for new changes, and "pgtide apply" to bring a database up to date.`);
  }
  const outDir = schemaDir(project);
  const db = await openSource(opts.database);
  try {
    if ((await readAppliedHistory(db)).phases.length > 0) {
      throw usageError(`${sourceLabel(opts.database)} already has pgtide history (schema pgtide); it needs no baseline. Run "pgtide status" to see it.`);
    }
    // Read in the config's scope, like pull: the project declares nothing schemas and ignore leave out.
    const model = await introspect(db, pullScope(project.config));
    const { files } = pullSource(model);
    await assertWritable(outDir, files, opts.force ?? false);
    const migration = await provenBaseline(model, newVersion(opts.now ?? new Date()), slugify(opts.name ?? 'baseline'));
    await mkdir(outDir, { recursive: true });
    const schemaFiles: string[] = [];
    for (const [name, text] of files) {
      await writeFile(path.join(outDir, name), text);
      schemaFiles.push(path.join(outDir, name));
    }
    const dir = await writeMigration(project.migrationsDir, migration);
    await writeSum(project.migrationsDir, await readMigrations(project.migrationsDir));
    await markApplied(db, [migration]);
    return { dir, version: migration.version, schemaFiles, tables: model.table.size };
  } finally {
    await db.close();
  }
}

/**
 * A second database that already has the baselined schema (staging, a colleague's copy): the one
 * existing migration is recorded as applied there, once its replay is shown to equal that database.
 */
async function recordExistingBaseline(project: Project, folder: MigrationFolder, database: string): Promise<BaselineResult> {
  const db = await openSource(database);
  try {
    if ((await readAppliedHistory(db)).phases.length > 0) {
      throw usageError(`${sourceLabel(database)} already has pgtide history; it needs no baseline. Run "pgtide status" to see it.`);
    }
    const scope = pullScope(project.config);
    const live = await introspect(db, scope);
    const replayed = await replayHistory([folder]);
    let left: string[];
    try {
      left = diff(await introspect(replayed, scope), live).changes.map(describeChange);
    } finally {
      await replayed.close();
    }
    if (left.length > 0) {
      throw usageError(`${sourceLabel(database)} is not the schema that ${folder.dir} creates, so it cannot be recorded as applied: ${left.slice(0, 10).join('; ')}${left.length > 10 ? '; …' : ''}. Bring the database in line (or apply the baseline to an empty database with "pgtide apply").`);
    }
    await markApplied(db, [{ version: folder.version, name: folder.name, files: folder.files, plan: folder.plan }]);
    return { dir: folder.dir, version: folder.version, schemaFiles: [], tables: live.table.size };
  } finally {
    await db.close();
  }
}
