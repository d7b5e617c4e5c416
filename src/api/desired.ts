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
import { importUserModules, schemaFiles, type Project } from './project.js';
import { readUtf8 } from './utf8.js';

/**
 * The desired schema of a project, normalized: TypeScript modules compiled to a model and created
 * in a scratch PGlite together with any .sql schema files (in an order that lets either refer to
 * the other, see schema-sql.ts), then read back. The result is cached by the compiled declarations
 * and the SQL texts (with their file names), which are all the normalization reads.
 */
export async function loadDesired(project: Project): Promise<Model> {
  const files = await schemaFiles(project);
  const tsFiles = files.filter((f) => !f.endsWith('.sql'));
  const sqlFiles = files.filter((f) => f.endsWith('.sql'));
  const modules = (await importUserModules(tsFiles)).map((exports, i) => ({ file: tsFiles[i]!, exports }));
  const compiled = compile(modules);
  const declared = compiled.model;
  const sqlTexts = [
    ...compiled.sql,
    ...(await Promise.all(sqlFiles.map(async (file) => ({ file, sql: await readUtf8(file) })))),
  ];
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
  const inputs = keyText({ declared: allObjects(declared), sql: sqlTexts });
  const model = inputs === null ? await normalize() : await cachedModel(replayCacheDir(project.root), modelCacheKey('desired', [inputs]), normalize);
  return withoutDeclaredNotNullNames(scopeModel(model, { schemas: project.config.schemas, ignore: project.config.ignore }));
}
