import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyProject } from '../../src/api/apply.js';
import { generateMigration } from '../../src/api/generate.js';
import { loadProject, type Project } from '../../src/api/project.js';
import { readMigrations, writeSum } from '../../src/migrations/index.js';
import { requireBuild, tempProject, type TempProject } from '../cli/helpers.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';
import { expectReport, userError } from '../bad-input/helpers.js';
import { startProxy } from './proxy.js';

/**
 * Faults during `apply` against a real server: the connection cut mid-run by a loopback proxy, a
 * statement timeout, and a lock held by another session past the lock timeout. Each must end with
 * exit 3, a history that records exactly what finished, and a re-run that completes the job.
 */

const MARKER = 'pgtide_fault_marker';
const CONFIG = (extra: string) =>
  `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema'], migrations: './migrations', ${extra} });\n`;
const SCHEMA = `import { integer, table, text } from 'pgtide';\nexport const users = table('users', { id: integer().primaryKey(), name: text() });\n`;

let p: TempProject;

/** A project with one generated migration whose migrate.sql also runs `extraSql` (sum rewritten). */
async function project(dir: string, config: string, extraSql: string): Promise<Project> {
  await p.write(`${dir}/schema.config.ts`, CONFIG(config));
  await p.write(`${dir}/schema/index.ts`, SCHEMA);
  const proj = await loadProject(undefined, path.join(p.dir, dir));
  const result = await generateMigration(proj, { name: 'users', allowHazards: false });
  expect(result.status).toBe('written');
  const [folder] = (await readdir(proj.migrationsDir)).filter((f) => f !== 'pgtide.sum');
  await writeFile(path.join(proj.migrationsDir, folder!, 'migrate.sql'), `${extraSql}\n`);
  writeSum(proj.migrationsDir, await readMigrations(proj.migrationsDir));
  return proj;
}

interface Row { phase: string; finished: boolean }

async function history(url: string): Promise<Row[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<Row>(`SELECT phase, finished_at IS NOT NULL AS finished FROM pgtide.migrations ORDER BY started_at, phase`);
    return rows;
  } finally {
    await c.end();
  }
}

async function usersExists(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(`SELECT to_regclass('public.users') IS NOT NULL AS e`)).rows[0].e as boolean;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  requireBuild();
  p = await tempProject({ 'package.json': '{ "type": "module" }\n' });
});
afterAll(async () => {
  await p?.remove();
});

describe.skipIf(skipWithoutServer())('faults during apply (PostgreSQL)', () => {
  it('the connection cut in the middle of apply: exit 3, expand recorded once, a re-run finishes', async () => {
    const proj = await project('cut', `lockRetries: 0`, `SELECT '${MARKER}';`);
    await withTestDatabase(async (db) => {
      const direct = new URL(db.url);
      const proxy = await startProxy(direct, { cutOn: MARKER });
      try {
        const viaProxy = new URL(db.url);
        viaProxy.port = String(proxy.port);
        viaProxy.password = 'S3cretPw';
        const err = await userError(applyProject(proj, { database: viaProxy.toString(), phase: 'all' }));
        expect(proxy.cuts()).toBe(1);
        expectReport(err, 3);
        expect(err.message).not.toContain('S3cretPw');
      } finally {
        await proxy.close();
      }
      // migrate ran in one transaction with its history record: rolled back together, so not recorded at all.
      expect(await history(db.url)).toEqual([{ phase: 'expand', finished: true }]);
      // The marker statement is harmless once the proxy is gone: the re-run applies migrate and contract only.
      await applyProject(proj, { database: db.url, phase: 'all' });
      const after = await history(db.url);
      // This migration has no contract.sql: expand (from the first run) and migrate, each once.
      expect(after.map((r) => r.phase).sort()).toEqual(['expand', 'migrate']);
      expect(after.every((r) => r.finished)).toBe(true);
      expect(await usersExists(db.url)).toBe(true);
    }, 'pgtide_fault');
  });

  it('a statement timeout: exit 3 naming the file, the phase not recorded as done, a re-run with more time finishes', async () => {
    const proj = await project('timeout', `statementTimeout: '300ms', lockRetries: 0`, `SELECT pg_sleep(2);`);
    await withTestDatabase(async (db) => {
      const err = await userError(applyProject(proj, { database: db.url, phase: 'all' }));
      expectReport(err, 3, 'migrate.sql', /statement timeout/i);
      expect(await history(db.url)).toEqual([{ phase: 'expand', finished: true }]);
      const faster = path.join(proj.migrationsDir, (await readdir(proj.migrationsDir)).find((f) => f !== 'pgtide.sum')!, 'migrate.sql');
      expect(await readFile(faster, 'utf8')).toContain('pg_sleep');
      const patient = await loadProject(undefined, path.join(p.dir, 'timeout'));
      await writeFile(patient.configPath, CONFIG(`statementTimeout: '10s', lockRetries: 0`));
      await applyProject(await loadProject(undefined, path.join(p.dir, 'timeout')), { database: db.url, phase: 'all' });
      expect((await history(db.url)).every((r) => r.finished)).toBe(true);
    }, 'pgtide_fault');
  });

  it("a statement's own timeout directive overrides the project's for that statement only", async () => {
    const sql = `-- pgtide:timeout statement=10s\nSELECT pg_sleep(0.6);\nSELECT pg_sleep(0.6);`;
    const proj = await project('own-timeout', `statementTimeout: '300ms', lockRetries: 0`, sql);
    await withTestDatabase(async (db) => {
      // Line 2 outlives the project's 300 ms under its own 10 s; line 3 is back under 300 ms.
      const err = await userError(applyProject(proj, { database: db.url, phase: 'all' }));
      expectReport(err, 3, 'migrate.sql:3', /statement timeout/i);
    }, 'pgtide_fault');
  });

  it('a lock held by another session past the lock timeout (after the retries): exit 3, nothing half-applied, a re-run finishes', async () => {
    const proj = await project('lock', `lockTimeout: '200ms', lockRetries: 1`, `SELECT 1;`);
    await withTestDatabase(async (db) => {
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      try {
        await holder.query(`CREATE TABLE public.blocker (id int)`);
        await holder.query(`BEGIN; LOCK TABLE public.blocker IN ACCESS EXCLUSIVE MODE`);
        // The expand of this migration must wait on the blocker: make it touch that table.
        const [folder] = (await readdir(proj.migrationsDir)).filter((f) => f !== 'pgtide.sum');
        const expand = path.join(proj.migrationsDir, folder!, 'expand.sql');
        await writeFile(expand, `${await readFile(expand, 'utf8')}\nALTER TABLE public.blocker ADD COLUMN note text;\n`);
        writeSum(proj.migrationsDir, await readMigrations(proj.migrationsDir));
        const err = await userError(applyProject(proj, { database: db.url, phase: 'all' }));
        expectReport(err, 3, 'expand.sql', /lock/i);
        expect(await usersExists(db.url)).toBe(false);
        expect((await history(db.url)).filter((r) => r.finished)).toEqual([]);
      } finally {
        await holder.query('ROLLBACK').catch(() => undefined);
        await holder.end();
      }
      await applyProject(proj, { database: db.url, phase: 'all' });
      expect(await usersExists(db.url)).toBe(true);
      expect((await history(db.url)).every((r) => r.finished)).toBe(true);
    }, 'pgtide_fault');
  });
});

