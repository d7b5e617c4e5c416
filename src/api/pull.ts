import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pullSource } from '../codegen/pull.js';
import { openSource } from '../db/pglite.js';
import { sourceLabel } from '../db/url.js';
import { usageError } from '../errors.js';
import { introspectAll, type IntrospectOptions } from '../introspect/index.js';
import type { Model } from '../model/types.js';
import { schemaFiles, type Project } from './project.js';
import { unmanagedNotes } from './unmanaged.js';

export interface PullOptions {
  /** The database to read (already resolved). */
  readonly database: string;
  /** Folder to write the modules into. */
  readonly outDir: string;
  /** The config's scope: a pulled project declares nothing that it leaves out. */
  readonly schemas?: readonly string[];
  readonly ignore?: readonly string[];
  /** Overwrite .ts files already in outDir. */
  readonly force?: boolean;
}

export interface PullResult {
  readonly files: readonly string[];
  readonly model: Model;
  /** One line per object of the database that pgtide does not manage, and so did not pull. */
  readonly unmanaged: readonly string[];
}

/** The folder a project's schema modules live in: the first "schema" entry, or its folder when it is a file. */
export function schemaDir(project: Project): string {
  const first = [project.config.schema].flat()[0] ?? 'schema';
  const abs = path.resolve(project.root, first.includes('*') ? path.dirname(first) : first);
  if (existsSync(abs) && statSync(abs).isDirectory()) return abs;
  return path.extname(abs) === '' ? abs : path.dirname(abs);
}

/**
 * Refuses to overwrite schema files unless forced; files identical to what would be written (a
 * second pull of an unchanged database, or a baseline right after init --from-database) are fine.
 */
export async function assertWritable(dir: string, files: ReadonlyMap<string, string>, force: boolean): Promise<void> {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw usageError(`${dir} is a file; pull writes a folder of schema modules. Pass --out <dir>.`);
  if (force) return;
  const conflicts: string[] = [];
  for (const f of (await readdir(dir)).filter((name) => /\.(m?ts|sql)$/.test(name))) {
    const wanted = files.get(f);
    if (wanted === undefined || wanted !== (await readFile(path.join(dir, f), 'utf8'))) conflicts.push(f);
  }
  if (conflicts.length > 0) {
    throw usageError(
      `${dir} already holds schema files that pull would replace or leave stale (${conflicts.slice(0, 5).join(', ')}${conflicts.length > 5 ? ', …' : ''}). Nothing was written. Pass --force to overwrite, or --out <dir> to pull somewhere else.`,
    );
  }
}

/** The introspection options of a pull in the config's `schemas` and `ignore` (see model/scope.ts). */
export function pullScope(scope: { readonly schemas?: readonly string[] | undefined; readonly ignore?: readonly string[] | undefined }): IntrospectOptions {
  return { ...(scope.schemas ? { schemas: scope.schemas } : {}), ...(scope.ignore && scope.ignore.length > 0 ? { ignore: scope.ignore } : {}) };
}

/** Writes DSL modules that declare what the database holds; nothing is written if any check fails. */
export async function pullToFolder(opts: PullOptions): Promise<PullResult> {
  const db = await openSource(opts.database, { readOnly: true });
  let model: Model;
  let unmanaged: readonly string[];
  try {
    const read = await introspectAll(db, pullScope(opts));
    model = read.model;
    unmanaged = unmanagedNotes([{ label: sourceLabel(opts.database), objects: read.unmanaged }], 'pulled');
  } finally {
    await db.close();
  }
  if (model.table.size === 0 && model.enum.size === 0 && model.sequence.size === 0) {
    throw usageError(`${sourceLabel(opts.database)} has no tables, enums or sequences to pull${opts.schemas ? ` in schemas ${opts.schemas.join(', ')}` : ''}. Check --database.`);
  }
  const { files } = pullSource(model);
  await assertWritable(opts.outDir, files, opts.force ?? false);
  await mkdir(opts.outDir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of files) {
    const file = path.join(opts.outDir, name);
    await writeFile(file, text);
    written.push(file);
  }
  return { files: written, model, unmanaged };
}

/**
 * The pulled index.ts when the project's "schema" entries do not reach it (pull --out elsewhere, a
 * config that lists other modules): the project would not see what was pulled.
 */
export async function unreachedIndex(project: Project, written: readonly string[]): Promise<string | null> {
  const index = written.find((f) => path.basename(f) === 'index.ts');
  if (index === undefined) return null;
  // An entry that names a missing path reaches nothing; the command that reads it says so.
  const reached: string[] = await schemaFiles(project).catch(() => []);
  return reached.includes(index) ? null : index;
}
