import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { readUtf8 } from './utf8.js';
import path from 'node:path';
import type { Queryable } from '../db/queryable.js';
import { looksLikeConninfo } from '../db/conninfo.js';
import { openSource, scratchPglite } from '../db/pglite.js';
import { classifySource } from '../db/url.js';
import { usageError } from '../errors.js';
import { introspectAll, type Introspection } from '../introspect/index.js';
import { readMigrations } from '../migrations/index.js';
import type { Model } from '../model/index.js';
import { replayFolders } from '../verify/replay.js';
import { ALL_CONTRIB } from './history.js';
import { readSchemaFiles } from './desired.js';

/** Where a schema can come from (DESIGN.md "source"). */
export type Source =
  | { readonly type: 'database'; readonly spec: string }
  | { readonly type: 'sql'; readonly path: string }
  | { readonly type: 'typescript'; readonly path: string }
  | { readonly type: 'migrations'; readonly dir: string };

/**
 * What a source string names. `origin` names it in errors (e.g. "The <from> source"): a database
 * source that does not parse is refused without being echoed, and so is a missing path that looks
 * like it holds credentials.
 */
export function parseSource(spec: string, cwd = process.cwd(), origin = 'The source'): Source {
  if (spec.startsWith('migrations:')) return { type: 'migrations', dir: path.resolve(cwd, spec.slice('migrations:'.length)) };
  const abs = path.resolve(cwd, spec);
  // A file whose name happens to read as keyword=value is still a file.
  if (!(looksLikeConninfo(spec) && existsSync(abs)) && classifySource(spec, origin) !== null) return { type: 'database', spec };
  if (!existsSync(abs)) {
    const named = /[@=]/.test(spec) ? origin : `"${spec}"`;
    throw usageError(
      `${named} is not a source pgtide knows: use a postgres:// URL, pglite:memory, pglite:<dir>, a .sql file or folder, a .ts schema module, or migrations:<dir>.`,
    );
  }
  if (statSync(abs).isDirectory() || abs.endsWith('.sql')) return { type: 'sql', path: abs };
  if (/\.(m?ts|m?js)$/.test(abs)) return { type: 'typescript', path: abs };
  throw usageError(`${abs}: not a .sql or .ts file. A source is a URL, pglite:…, a .sql file or folder, a .ts module, or migrations:<dir>.`);
}

export interface SourceOptions {
  readonly schemas?: readonly string[];
}

/** Reads any source into a model in server-printed form. */
export async function loadSourceModel(source: Source, opts: SourceOptions = {}): Promise<Model> {
  return (await loadSource(source, opts)).model;
}

/** Reads any source into a model, with the objects in it that no reader models. */
export async function loadSource(source: Source, opts: SourceOptions = {}): Promise<Introspection> {
  switch (source.type) {
    case 'database': {
      const db = await openSource(source.spec, { readOnly: true });
      try {
        return await introspectAll(db, opts);
      } finally {
        await db.close();
      }
    }
    case 'sql':
      return withScratch((db) => loadSqlFiles(db, source.path), opts);
    case 'typescript':
      // The same loader as the config's schema: the same objects whatever the module format, and
      // SQL declared with sqlDefinitions() too.
      return readSchemaFiles([source.path]);
    case 'migrations':
      return withScratch(async (db) => replayFolders(db, await readMigrations(source.dir)), opts);
    default: {
      const never: never = source;
      throw new Error(`unknown source ${JSON.stringify(never)}`);
    }
  }
}

async function withScratch(fill: (db: Queryable) => Promise<void>, opts: SourceOptions): Promise<Introspection> {
  const db = await scratchPglite({ extensions: ALL_CONTRIB });
  try {
    await fill(db);
    return await introspectAll(db, opts);
  } finally {
    await db.close();
  }
}

export async function sqlFilesOf(p: string): Promise<string[]> {
  if (!statSync(p).isDirectory()) return [p];
  return (await readdir(p)).filter((f) => f.endsWith('.sql')).sort().map((f) => path.join(p, f));
}

async function loadSqlFiles(db: Queryable, p: string): Promise<void> {
  for (const file of await sqlFilesOf(p)) {
    const sql = await readUtf8(file);
    try {
      await db.exec(sql);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw usageError(`${file}: the SQL failed in PostgreSQL: ${message}. Fix the file and run the command again.`, err);
    }
  }
}
