import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyProject } from '../../src/api/apply.js';
import { connectPostgres } from '../../src/db/postgres.js';
import { generateMigration } from '../../src/api/generate.js';
import { loadProject, type Project } from '../../src/api/project.js';
import { readMigrations } from '../../src/migrations/index.js';
import { requireBuild, tempProject, type TempProject } from '../cli/helpers.js';
import { expectReport, userError } from '../bad-input/helpers.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';
import { apply, appliedPhases, rows, useTemp, writeHistory } from './helpers.js';

/**
 * Batch loops in apply that must end: a backfill whose expression leaves rows NULL, and a batch
 * whose rows a trigger refuses to update. Each stops with exit 3 and a history that lets a re-run
 * continue once the data is fixed.
 */

const temp = useTemp();
let p: TempProject;

beforeAll(async () => {
  requireBuild();
  p = await tempProject({ 'package.json': '{ "type": "module" }\n' });
});
afterAll(async () => {
  await p?.remove();
});

/** Fails instead of waiting for an apply that never ends (the database is dropped behind it). */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms: the loop does not end`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql)).rows;
  } finally {
    await c.end();
  }
}

interface Row { name: string; phase: string; finished: boolean }
const history = (url: string): Promise<Row[]> =>
  query<Row>(url, 'SELECT name, phase, finished_at IS NOT NULL AS finished FROM pgtide.migrations ORDER BY version, phase');

const SCHEMA = (x: string): string =>
  `import { integer, sql, table, text } from 'pgtide';\nexport const t = table('t', { id: integer().primaryKey(), label: text()${x} });\n`;

/** A project whose second migration adds `x text NOT NULL` backfilled from `label`, generated in batches of 4. */
async function backfillProject(dir: string): Promise<Project> {
  await p.write(`${dir}/schema.config.ts`, `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema'], migrations: './migrations', batchSize: 4, lockRetries: 0 });\n`);
  await p.write(`${dir}/schema/index.ts`, SCHEMA(''));
  expect((await generateMigration(await loadProject(undefined, join(p.dir, dir)), { name: 'base', allowHazards: false })).status).toBe('written');
  await p.write(`${dir}/schema/index.ts`, SCHEMA(', x: text().notNull().backfill(sql`label`)'));
  const proj = await loadProject(undefined, join(p.dir, dir));
  expect((await generateMigration(proj, { name: 'x', allowHazards: true })).status).toBe('written');
  return proj;
}

async function baseVersion(proj: Project): Promise<string> {
  return (await readMigrations(proj.migrationsDir)).find((f) => f.name === 'base')!.version;
}

describe.skipIf(skipWithoutServer())('batch loops in apply end (PostgreSQL)', () => {
  it('a backfill whose expression is NULL for some rows stops with exit 3 naming the column and the rows; fixed rows let a re-run continue', async () => {
    const proj = await backfillProject('stuck');
    await withTestDatabase(async (db) => {
      // The base migration alone, then rows, 4 of them without a label.
      await applyProject(proj, { database: db.url, phase: 'all', to: await baseVersion(proj) });
      await query(db.url, `INSERT INTO public.t SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'l' || g END FROM generate_series(1, 20) g`);

      const err = await userError(within(60_000, applyProject(proj, { database: db.url, phase: 'all' })));
      const stillNull = Number((await query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM public.t WHERE x IS NULL'))[0]!.n);
      expect(stillNull).toBeGreaterThanOrEqual(4);
      expectReport(err, 3, /_x\/migrate\.sql:\d+ on /, 'no progress', 'x IS NULL', ` ${stillNull} row(s) of public.t still match`, 'the value given to x is NULL', 'run "pgtide apply" again');
      // Batches before the stall are committed; the migrate phase is started, not done; expand and base stay done.
      expect(await query(db.url, 'SELECT id FROM public.t WHERE x IS NULL AND label IS NOT NULL')).toHaveLength(stillNull - 4);
      expect(await history(db.url)).toEqual([
        { name: 'base', phase: 'expand', finished: true },
        { name: 'x', phase: 'expand', finished: true },
        { name: 'x', phase: 'migrate', finished: false },
      ]);

      // The realistic fix: give the rows the data the expression reads, then apply again.
      await query(db.url, `UPDATE public.t SET label = 'fixed' WHERE label IS NULL`);
      await within(60_000, applyProject(proj, { database: db.url, phase: 'all' }));
      expect((await history(db.url)).every((r) => r.finished)).toBe(true);
      expect(await query(db.url, `SELECT id FROM public.t WHERE x IS DISTINCT FROM label`)).toEqual([]);
      expect(await query(db.url, `SELECT attnotnull FROM pg_attribute WHERE attrelid = 'public.t'::regclass AND attname = 'x'`)).toEqual([{ attnotnull: true }]);
    }, 'pgtide_loops');
  }, 240_000);

  it('a batch whose rows a trigger refuses to update stops in migrate, instead of being recorded done and failing later', async () => {
    const dir = join(await temp(), 'migrations');
    const folders = await writeHistory(dir, [FROZEN]);
    await withTestDatabase(async (tdb) => {
      const db = await connectPostgres(tdb.url);
      try {
        const err = await userError(within(60_000, apply(db, dir, folders)));
        expectReport(err, 3, '_frozen/migrate.sql:2 on ', 'no progress', '3 runs in a row updated no row while 3 row(s) of app.t still match its condition (x IS NULL)', 'trigger');
        expect(await appliedPhases(db)).toEqual(['20260101T000000Z/expand']);
        expect(await rows(db, 'SELECT id FROM app.t WHERE x IS NULL ORDER BY id')).toEqual([{ id: 18 }, { id: 19 }, { id: 20 }]);
        await db.exec('ALTER TABLE app.t DISABLE TRIGGER frozen');
        await within(60_000, apply(db, dir, folders));
        expect(await appliedPhases(db)).toEqual(['20260101T000000Z/contract', '20260101T000000Z/expand', '20260101T000000Z/migrate']);
      } finally {
        await db.close();
      }
    }, 'pgtide_loops');
  }, 120_000);
});

/** Archived rows of app.t cannot be updated: a BEFORE UPDATE trigger skips them. */
const FROZEN = {
  version: '20260101T000000Z',
  name: 'frozen',
  files: {
    expand: `CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, archived boolean NOT NULL, x text);
INSERT INTO app.t SELECT g, g > 17, NULL FROM generate_series(1, 20) g;
CREATE FUNCTION app.frozen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF OLD.archived THEN RETURN NULL; END IF; RETURN NEW; END $$;
CREATE TRIGGER frozen BEFORE UPDATE ON app.t FOR EACH ROW EXECUTE FUNCTION app.frozen();
`,
    migrate: `-- pgtide:batch size=5
UPDATE app.t SET x = 'v' || id WHERE ctid IN (SELECT ctid FROM app.t WHERE x IS NULL LIMIT 5);
`,
    contract: 'ALTER TABLE app.t ALTER COLUMN x SET NOT NULL;\n',
  },
};
