import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diff } from '../../src/diff/index.js';
import { describeChange } from '../../src/diff/describe-change.js';
import { compile } from '../../src/dsl/index.js';
import type { Queryable } from '../../src/db/queryable.js';
import type { Model } from '../../src/model/types.js';
import { pullSource } from '../../src/codegen/pull.js';
import { createMixed } from '../../src/api/schema-sql.js';
import { scratchPglite } from '../../src/db/pglite.js';
import { introspect } from '../../src/introspect/index.js';
import { creationScript } from '../../src/verify/normalize.js';
import { normalizeModel } from '../../src/verify/normalize.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Writes pulled files into a fresh folder, removed when the test ends (or sooner by the caller). */
export async function writePulled(model: Model): Promise<{ dir: string; files: ReadonlyMap<string, string> }> {
  const dir = await tempDir('pgtide-pull-');
  const { files } = pullSource(model);
  // The modules import 'pgtide' as users' do; a link makes the name resolve to this package, whose
  // module the calling test mocks to the sources.
  await mkdir(path.join(dir, 'node_modules'));
  await symlink(path.resolve('.'), path.join(dir, 'node_modules', 'pgtide'), 'dir');
  for (const [name, text] of files) await writeFile(path.join(dir, name), text);
  return { dir, files };
}

/**
 * Pulls a model, loads the generated modules (their `pgtide` import is mocked to the sources by the
 * calling test file), normalizes the compiled result in PGlite and returns what still differs.
 * `extraSql` stands for .sql schema files a user adds beside the pulled modules.
 */
export async function pullRoundTrip(
  model: Model,
  scratch?: Queryable,
  extraSql: readonly { readonly file: string; readonly sql: string }[] = [],
): Promise<{ left: string[]; files: ReadonlyMap<string, string> }> {
  const { dir, files } = await writePulled(model);
  try {
    const exports = (await import(path.join(dir, 'index.ts'))) as Record<string, unknown>;
    const compiled = compile([{ file: path.join(dir, 'index.ts'), exports }]);
    const declared = compiled.model;
    if (scratch) await resetDatabase(scratch);
    const sql = [...compiled.sql, ...extraSql];
    const normalized = sql.length === 0 ? await normalizeModel(declared, scratch) : await withSql(declared, sql, scratch);
    return { left: diff(model, normalized).changes.map(describeChange), files };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Starting a PGlite costs about a second; emptying one costs milliseconds. Public is recreated the
// way initdb leaves it (owner, privileges, comment), so a reset database is like a new one.
const RESET_SQL = `
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
END $$;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS 'standard public schema';
RESET ALL;`;

/** Drops every user schema and extension, leaving a database like a fresh one. */
export async function resetDatabase(db: Queryable): Promise<void> {
  await db.exec(RESET_SQL);
}

/** What loadDesired does with the SQL of sqlDefinitions() in the modules. */
async function withSql(declared: Model, sql: readonly { readonly file: string; readonly sql: string }[], scratch?: Queryable): Promise<Model> {
  const db = scratch ?? (await scratchPglite());
  try {
    await createMixed(db, creationScript(declared), sql);
    return await introspect(db);
  } finally {
    if (!scratch) await db.close();
  }
}
