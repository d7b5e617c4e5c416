import { scratchPglite } from '../db/pglite.js';
import { PGLITE_CONTRIB } from '../db/pglite-contrib.js';
import { createdExtensions } from '../migrations/index.js';
import { compile } from '../dsl/index.js';
import { introspectAll, type Introspection } from '../introspect/index.js';
import { allObjects, type Model, type UnmanagedObject } from '../model/index.js';
import { withoutDeclaredNotNullNames } from '../model/not-null.js';
import { scopeModel, unmanagedInScope } from '../model/scope.js';
import { cachedIntrospection, keyText, modelCacheKey } from '../verify/model-cache.js';
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
  /** What its SQL creates that no reader models (an aggregate, a rule): named by the commands, never compared. */
  readonly unmanaged: readonly UnmanagedObject[];
}

/** The desired schema of a project, normalized. */
export async function loadDesired(project: Project): Promise<Model> {
  return (await loadDesiredSchema(project)).model;
}

export async function loadDesiredSchema(project: Project): Promise<DesiredSchema> {
  const files = await schemaFiles(project);
  const { model, unmanaged } = await readSchemaFiles(files, replayCacheDir(project.root));
  // In the scope the database is read in: the scratch database it was normalized in has more (public).
  const { schemas, ignore } = project.config;
  const inSchemas = unmanaged.filter((o) => schemas === undefined || o.schema === null || schemas.includes(o.schema));
  return { model: scopeModel(model, { schemas, ignore }), files, unmanaged: unmanagedInScope(inSchemas, ignore ?? []) };
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
  return (await readSchemaFiles(files, cacheDir)).model;
}

/** loadSchemaFiles, with what the SQL creates that no reader models (the DSL declares only what is modeled). */
export async function readSchemaFiles(files: readonly string[], cacheDir?: string): Promise<Introspection> {
  const { declared, sql: sqlTexts } = await declareSchemaFiles(files);
  const normalize = async (): Promise<Introspection> => {
    const extensions = [...modelExtensions(declared), ...sqlTexts.flatMap((f) => createdExtensions(f.sql, f.file))];
    const db = await scratchPglite({ extensions: extensions.filter((n) => n in PGLITE_CONTRIB) });
    try {
      if (sqlTexts.length === 0) return { model: await normalizeModel(declared, db), unmanaged: [] };
      await createMixed(db, creationScript(declared), sqlTexts);
      const read = await introspectAll(db);
      return { model: carryHints(declared, read.model), unmanaged: read.unmanaged };
    } finally {
      await db.close();
    }
  };
  const inputs = cacheDir === undefined ? null : keyText({ declared: allObjects(declared), sql: sqlTexts });
  const read = inputs === null || cacheDir === undefined ? await normalize() : await cachedIntrospection(cacheDir, modelCacheKey('desired', [inputs]), normalize);
  return { model: withoutDeclaredNotNullNames(read.model), unmanaged: read.unmanaged };
}
