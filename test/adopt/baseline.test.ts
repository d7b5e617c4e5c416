import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readAppliedHistory } from '../../src/apply/index.js';
import { baselineMigration, baselineProject } from '../../src/api/baseline.js';
import { loadDesired } from '../../src/api/desired.js';
import { initProject } from '../../src/api/init.js';
import { loadProject } from '../../src/api/project.js';
import { connectPostgres } from '../../src/db/postgres.js';
import { openSource } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { diff } from '../../src/diff/index.js';
import { describeChange } from '../../src/diff/describe-change.js';
import { introspect } from '../../src/introspect/index.js';
import { readMigrations } from '../../src/migrations/index.js';
import { REPLAY_PHASES, replayFolders, runMigrationFile } from '../../src/verify/replay.js';
import { scratchPglite } from '../../src/db/pglite.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';
import { pullRoundTrip } from '../codegen/helpers.js';
import { tempProject } from './helpers.js';

vi.mock('pgtide', () => import('../../src/dsl/index.js'));

/** The example application's schema, as migration files to load into a database pgtide has never seen. */
let exampleFiles: string[];

async function loadExample(db: Queryable): Promise<void> {
  for (const sql of exampleFiles) await runMigrationFile(db, sql, 'example');
}
beforeAll(async () => {
  const model = await loadDesired(await loadProject('schema.config.ts'));
  const fresh = await scratchPglite();
  try {
    const { files } = baselineMigration(await introspect(fresh), model, '20260101T000000Z', 'x');
    exampleFiles = REPLAY_PHASES.flatMap((phase) => files[phase] ?? []);
  } finally {
    await fresh.close();
  }
});

/**
 * Baselines `url` into a fresh project and checks the outcome: schema files that round-trip, one
 * migration whose replay is the database, and that migration recorded as applied.
 */
async function baselineAndCheck(url: string, open: () => Promise<Queryable>): Promise<void> {
  const project = await tempProject();
  const result = await baselineProject(project, { database: url, now: new Date('2026-11-22T10:00:00Z') });
  expect(path.basename(result.dir)).toBe('20261122T100000Z_baseline');
  expect(result.schemaFiles.map((f) => path.basename(f))).toEqual(['common.ts', 'audit.ts', 'public.ts', 'index.ts']);
  const db = await open();
  try {
    const live = await introspect(db);
    const history = await readAppliedHistory(db);
    expect(history.phases.map((p) => `${p.version} ${p.phase} ${p.finishedAt !== null}`)).toEqual(
      (await readMigrations(project.migrationsDir)).flatMap((f) => (['expand', 'migrate', 'contract'] as const).filter((ph) => f.files[ph]).map((ph) => `${f.version} ${ph} true`)),
    );
    // The next generate starts from the replayed history: it must be the database.
    const replay = await scratchPglite();
    try {
      await replayFolders(replay, await readMigrations(project.migrationsDir));
      expect(diff(await introspect(replay), live).changes.map(describeChange)).toEqual([]);
    } finally {
      await replay.close();
    }
    expect((await pullRoundTrip(live)).left).toEqual([]);
    // Baselining again is refused: the database has pgtide history now.
    const again = await tempProject();
    await expect(baselineProject(again, { database: url })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('already has pgtide history') });
  } finally {
    await db.close();
  }
}

describe('baseline', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('pgtide-baseline-');
  });

  it('adopts a PGlite database: pull, a proven baseline migration, recorded as applied', async () => {
    const url = `pglite:${path.join(dir, 'db')}`;
    const db = await openSource(url);
    await loadExample(db);
    await db.close();
    await baselineAndCheck(url, () => openSource(url));
  });

  it.skipIf(skipWithoutServer())('adopts a PostgreSQL 15 database', async () => {
    await withTestDatabase(async (t) => {
      const db = await connectPostgres(t.url);
      await loadExample(db);
      await db.close();
      await baselineAndCheck(t.url, () => connectPostgres(t.url));
    });
  });

  it.skipIf(skipWithoutServer())('records an existing baseline on another copy of the schema, and refuses a copy that differs', async () => {
    await withTestDatabase(async (first) => {
      await withTestDatabase(async (second) => {
        await withTestDatabase(async (third) => {
          for (const t of [first, second, third]) {
            const db = await connectPostgres(t.url);
            await loadExample(db);
            if (t === third) await db.exec('ALTER TABLE public.tags ADD COLUMN extra text');
            await db.close();
          }
          const project = await tempProject();
          await baselineProject(project, { database: first.url });
          const copy = await baselineProject(project, { database: second.url });
          expect(copy.schemaFiles).toEqual([]);
          const db = await connectPostgres(second.url);
          try {
            expect((await readAppliedHistory(db)).phases.map((p) => p.version)).toContain(copy.version);
          } finally {
            await db.close();
          }
          await expect(baselineProject(project, { database: third.url })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('extra') });
        });
      });
    });
  });

  it("leaves out what the config's schemas and ignore leave out, in the schema files and the migration", async () => {
    const url = `pglite:${path.join(dir, 'scoped')}`;
    const db = await openSource(url);
    await db.exec(`CREATE SCHEMA app;
      CREATE TABLE app.orders (id integer PRIMARY KEY);
      CREATE TABLE app.tmp_load (id integer);
      CREATE TABLE public.elsewhere (id integer);`);
    await db.close();
    const base = await tempProject();
    const project = { ...base, config: { ...base.config, schemas: ['app'], ignore: ['table:app.tmp_*'] } };
    const result = await baselineProject(project, { database: url });
    const texts = await Promise.all([...result.schemaFiles, ...(await readdir(result.dir)).map((f) => path.join(result.dir, f))].map((f) => readFile(f, 'utf8')));
    const all = texts.join('\n');
    expect(all).toContain('orders');
    expect(all).not.toContain('tmp_load');
    expect(all).not.toContain('elsewhere');
  });

  it('refuses to overwrite schema files that differ from what it would write', async () => {
    const url = `pglite:${path.join(dir, 'db2')}`;
    const db = await openSource(url);
    await db.exec('CREATE TABLE t (id int PRIMARY KEY)');
    await db.close();
    const project = await tempProject();
    await initProject(project.root);
    await expect(baselineProject(project, { database: url })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--force') });
    expect(await readMigrations(project.migrationsDir)).toEqual([]);
    await baselineProject(project, { database: url, force: true });
    expect(await readFile(path.join(project.root, 'schema', 'public.ts'), 'utf8')).toContain(`export const tTable = table('t', {`);
  });
});

describe('init', () => {
  it('scaffolds an empty folder, and refuses one that has a project', async () => {
    const root = await tempDir('pgtide-init-');
    await initProject(root);
    expect((await readdir(root)).sort()).toEqual(['generated', 'package.json', 'schema', 'schema.config.ts']);
    expect(existsSync(path.join(root, 'generated', 'migrations'))).toBe(true);
    expect(await readFile(path.join(root, 'schema.config.ts'), 'utf8')).toContain(`schema: ['./schema/index.ts']`);
    await expect(initProject(root)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('already has') });
  });

  it('pulls the schema with --from-database', async () => {
    const root = await tempDir('pgtide-init-');
    const url = `pglite:${path.join(root, '.db')}`;
    const db = await openSource(url);
    await loadExample(db);
    await db.close();
    const result = await initProject(root, { fromDatabase: url });
    expect(result.tables).toBe(7);
    expect((await readdir(path.join(root, 'schema'))).sort()).toEqual(['audit.ts', 'common.ts', 'index.ts', 'public.ts']);
  });
});
