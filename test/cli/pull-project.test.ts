import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from '../../src/db/pglite.js';
import { createTestDatabase, skipWithoutServer, type TestDatabase } from '../helpers/postgres.js';
import { pgtide, requireBuild, shown, tempProject, type TempProject } from './helpers.js';

/**
 * A pulled project is complete as the config reaches it: `plan` against the database it came from
 * says no changes, with no config entry added by hand, and it declares nothing the config's
 * `schemas` and `ignore` leave out.
 */

const VIEW_AND_FUNCTION = `
  CREATE VIEW item_names AS SELECT i.id, i.name, k.label FROM items i JOIN kinds k ON k.id = i.kind_id;
  CREATE FUNCTION item_count() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM public.items';`;

const TABLES = `
  CREATE TABLE kinds (id integer PRIMARY KEY, label text NOT NULL);
  CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, kind_id integer REFERENCES kinds (id));`;

interface Planned {
  readonly steps: readonly unknown[];
}

async function planIsEmpty(project: TempProject, database: string): Promise<void> {
  const r = await pgtide(['plan', '--database', database, '--format', 'json'], { cwd: project.dir });
  expect(r.code, shown(r)).toBe(0);
  expect((JSON.parse(r.stdout) as Planned).steps, shown(r)).toEqual([]);
}

async function pulledText(project: TempProject): Promise<string> {
  const dir = path.join(project.dir, 'schema');
  const files = (await readdir(dir)).sort();
  return (await Promise.all(files.map(async (f) => `// ${f}\n${await readFile(path.join(dir, f), 'utf8')}`))).join('\n');
}

describe('a pulled project plans no changes without a hand edit', () => {
  const projects: TempProject[] = [];
  const newProject = async (files: Record<string, string> = {}): Promise<TempProject> => {
    const p = await tempProject(files);
    projects.push(p);
    return p;
  };
  beforeAll(() => requireBuild());
  afterAll(async () => {
    for (const p of projects) await p.remove();
  });

  async function pgliteSource(project: TempProject, sql: string): Promise<string> {
    const url = `pglite:${path.join(project.dir, '.source')}`;
    const db = await openSource(url);
    await db.exec(sql);
    await db.close();
    return url;
  }

  it('init --from-database on a database with a view and a function, then plan: no changes', async () => {
    const project = await newProject();
    const url = await pgliteSource(project, TABLES + VIEW_AND_FUNCTION);
    const init = await pgtide(['init', '--from-database', url], { cwd: project.dir });
    expect(init.code, shown(init)).toBe(0);
    const config = await readFile(path.join(project.dir, 'schema.config.ts'), 'utf8');
    expect(config).toContain(`schema: ['./schema/index.ts'],`);
    await planIsEmpty(project, url);
  });

  it('pull into a project whose config lists schema/index.ts reaches the views and functions it writes', async () => {
    const project = await newProject();
    const url = await pgliteSource(project, TABLES);
    const init = await pgtide(['init', '--from-database', url], { cwd: project.dir });
    expect(init.code, shown(init)).toBe(0);
    // Later, someone adds a view and a function by hand; pull brings them into the project.
    const db = await openSource(url);
    await db.exec(VIEW_AND_FUNCTION);
    await db.close();
    const pull = await pgtide(['pull', '--database', url, '--force'], { cwd: project.dir });
    expect(pull.code, shown(pull)).toBe(0);
    expect(pull.stdout).not.toContain('Add ');
    expect(pull.stdout).toContain('Run "pgtide plan" to check');
    await planIsEmpty(project, url);
  });

  it('says so when the config does not reach the pulled index.ts', async () => {
    const project = await newProject();
    const url = await pgliteSource(project, TABLES + VIEW_AND_FUNCTION);
    await project.write('package.json', '{ "type": "module" }\n');
    await project.write('app/tables.ts', 'export {};\n');
    await project.write('schema.config.ts', `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./app/tables.ts'] });\n`);
    const pull = await pgtide(['pull', '--database', url, '--out', 'pulled'], { cwd: project.dir });
    expect(pull.code, shown(pull)).toBe(0);
    expect(pull.stdout).toContain(`"schema" in schema.config.ts does not reach ${path.join('pulled', 'index.ts')}`);
  });

  it("declares nothing the config's schemas and ignore leave out", async () => {
    const project = await newProject({
      'package.json': '{ "type": "module" }\n',
      'schema/index.ts': 'export {};\n',
      'schema.config.ts': `import { defineConfig } from 'pgtide';
export default defineConfig({
  schema: ['./schema/index.ts'],
  schemas: ['app'],
  ignore: ['table:app.tmp_*', 'view:app.report_*', 'function:app.legacy_*', 'index:app.orders_note_idx'],
});
`,
    });
    const url = await pgliteSource(project, `
      CREATE SCHEMA app;
      CREATE TABLE app.orders (id integer PRIMARY KEY, note text);
      CREATE INDEX orders_note_idx ON app.orders (note);
      CREATE TABLE app.tmp_import (id integer, raw text);
      CREATE INDEX tmp_import_raw_idx ON app.tmp_import (raw);
      CREATE VIEW app.report_orders AS SELECT id FROM app.orders;
      CREATE VIEW app.open_orders AS SELECT id, note FROM app.orders WHERE note IS NULL;
      CREATE FUNCTION app.legacy_total() RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint';
      CREATE FUNCTION app.total() RETURNS bigint LANGUAGE sql AS 'SELECT 2::bigint';
      CREATE TABLE public.other (id integer);`);
    const pull = await pgtide(['pull', '--database', url, '--force'], { cwd: project.dir });
    expect(pull.code, shown(pull)).toBe(0);
    const text = await pulledText(project);
    for (const kept of [`table('orders'`, 'app.open_orders', 'app.total()']) expect(text).toContain(kept);
    for (const left of ['tmp_import', 'report_orders', 'legacy_total', 'orders_note_idx', `table('other'`, 'public.']) expect(text).not.toContain(left);
    await planIsEmpty(project, url);
  });

  describe.skipIf(skipWithoutServer())('on PostgreSQL 15', () => {
    let tdb: TestDatabase;
    beforeAll(async () => {
      tdb = await createTestDatabase('pgtide_pull_project');
      const client = new pg.Client({ connectionString: tdb.url });
      await client.connect();
      await client.query(TABLES + VIEW_AND_FUNCTION);
      await client.end();
    });
    afterAll(async () => {
      await tdb?.drop();
    });

    it('init --from-database, then plan against the same database: no changes', async () => {
      const project = await newProject();
      const init = await pgtide(['init', '--from-database', tdb.url], { cwd: project.dir });
      expect(init.code, shown(init)).toBe(0);
      await planIsEmpty(project, tdb.url);
    });
  });
});
