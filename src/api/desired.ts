import { scratchPglite } from '../db/pglite.js';
import { PGLITE_CONTRIB } from '../db/pglite-contrib.js';
import { createdExtensions } from '../migrations/index.js';
import { compile } from '../dsl/index.js';
import { introspect } from '../introspect/index.js';
import { allObjects, type Model } from '../model/index.js';
import { withoutDeclaredNotNullNames } from '../model/not-null.js';
import { scopeModel } from '../model/scope.js';
import { cachedModel, keyText, modelCacheKey } from '../verify/model-cache.js';
import { replayCacheDir } from '../verify/replay-cache.js';
import { carryHints, creationScript, modelExtensions, normalizeModel } from '../verify/normalize.js';
import { createMixed } from './schema-sql.js';
import { schemaFiles, type Project } from './project.js';
import { importUserModules } from './user-modules.js';
import { readUtf8 } from './utf8.js';

export interface DesiredSchema {
  readonly model: Model;
  /** The schema files it was read from, sorted: what a user checks when the schema looks wrong. */
  readonly files: readonly string[];
}

/** The desired schema of a project, normalized. */
export async function loadDesired(project: Project): Promise<Model> {
  return (await loadDesiredSchema(project)).model;
}

export async function loadDesiredSchema(project: Project): Promise<DesiredSchema> {
  const files = await schemaFiles(project);
  const model = await loadSchemaFiles(files, replayCacheDir(project.root));
  // In the scope the database is read in: the scratch database it was normalized in has more (public).
  return { model: scopeModel(model, { schemas: project.config.schemas, ignore: project.config.ignore }), files };
}

export interface DeclaredSchema {
  /** The TypeScript declarations compiled, not normalized yet. */
  readonly declared: Model;
  /** SQL of sqlDefinitions() and of .sql schema files, with the file each comes from. */
  readonly sql: readonly { readonly file: string; readonly sql: string }[];
}

/**
 * The one loader of declared schemas, for a project's schema files and for a .ts file given as a
 * source alike: the modules are imported (the same objects whatever their format, see
 * user-modules.ts) and compiled, and the .sql files read.
 */
export async function declareSchemaFiles(files: readonly string[]): Promise<DeclaredSchema> {
  const tsFiles = files.filter((f) => !f.endsWith('.sql'));
  const sqlFiles = files.filter((f) => f.endsWith('.sql'));
  const modules = (await importUserModules(tsFiles)).map((exports, i) => ({ file: tsFiles[i]!, exports }));
  const compiled = compile(modules);
  const sqlTexts = await Promise.all(sqlFiles.map(async (file) => ({ file, sql: await readUtf8(file) })));
  return { declared: compiled.model, sql: [...compiled.sql, ...sqlTexts] };
}

/**
 * Declared schema files, normalized: the declarations created in a scratch PGlite together with the
 * SQL (in an order that lets either refer to the other, see schema-sql.ts), then read back. With a
 * cache folder, the result is cached by the compiled declarations and the SQL texts (with their
 * file names), which are all the normalization reads.
 */
export async function loadSchemaFiles(files: readonly string[], cacheDir?: string): Promise<Model> {
  const { declared, sql: sqlTexts } = await declareSchemaFiles(files);
  const normalize = async (): Promise<Model> => {
    const extensions = [...modelExtensions(declared), ...sqlTexts.flatMap((f) => createdExtensions(f.sql, f.file))];
    const db = await scratchPglite({ extensions: extensions.filter((n) => n in PGLITE_CONTRIB) });
    try {
      if (sqlTexts.length === 0) return await normalizeModel(declared, db);
      await createMixed(db, creationScript(declared), sqlTexts);
      return carryHints(declared, await introspect(db));
    } finally {
      await db.close();
    }
  };
  const inputs = cacheDir === undefined ? null : keyText({ declared: allObjects(declared), sql: sqlTexts });
  const model = inputs === null || cacheDir === undefined ? await normalize() : await cachedModel(cacheDir, modelCacheKey('desired', [inputs]), normalize);
  return withoutDeclaredNotNullNames(model);
}
