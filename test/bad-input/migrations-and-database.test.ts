import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyProject } from '../../src/api/apply.js';
import { checkProject } from '../../src/api/check.js';
import { driftProject } from '../../src/api/drift.js';
import { generateMigration } from '../../src/api/generate.js';
import { planProject } from '../../src/api/plan-project.js';
import { loadProject, type Project } from '../../src/api/project.js';
import { statusProject } from '../../src/api/status.js';
import { verifyProject } from '../../src/api/verify.js';
import { openSource } from '../../src/db/pglite.js';
import { readMigrations, writeSum } from '../../src/migrations/index.js';
import { requireBuild, tempProject, type TempProject } from '../cli/helpers.js';
import { skipWithoutServer, testServerUrl, withTestDatabase } from '../helpers/postgres.js';
import { expectReport, userError } from './helpers.js';

/**
 * Mistakes around migration folders and databases, through the library calls the CLI makes. The
 * migration folder is generated once (a real one) and each case damages its own copy.
 */

let p: TempProject;
let n = 0;

const CONFIG = `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema'], migrations: './migrations', lockTimeout: '2s', lockRetries: 0 });\n`;
const SCHEMA = `import { integer, table, text } from 'pgtide';\nexport const users = table('users', { id: integer().primaryKey(), name: text() });\n`;

/** A copy of the base project (config, schema, one generated migration) in its own folder. */
async function copy(): Promise<{ dir: string; project: Project; migration: string }> {
  const dir = path.join(p.dir, `case${n++}`);
  await cp(path.join(p.dir, 'base'), dir, { recursive: true });
  const project = await loadProject(undefined, dir);
  const [migration] = (await readdir(project.migrationsDir)).filter((f) => f !== 'pgtide.sum');
  return { dir, project, migration: path.join(project.migrationsDir, migration!) };
}

beforeAll(async () => {
  requireBuild();
  p = await tempProject({ 'package.json': '{ "type": "module" }\n', 'base/schema.config.ts': CONFIG, 'base/schema/index.ts': SCHEMA });
  const result = await generateMigration(await loadProject(undefined, path.join(p.dir, 'base')), { name: 'users', allowHazards: false });
  expect(result.status).toBe('written');
});
afterAll(async () => {
  await p?.remove();
});

describe.concurrent('bad input: migration folders', () => {
  it('a migration file with an SQL error names the file and line', async () => {
    const { project, migration } = await copy();
    const file = path.join(migration, 'expand.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\nSELEC broken;\n`);
    // pgtide.sum would catch the edit first; this case is about the SQL, so the sum is rewritten.
    writeSum(project.migrationsDir, await readMigrations(project.migrationsDir));
    expectReport(await userError(verifyProject(project)), 2, /expand\.sql:\d+/, 'SELEC');
  });

  it('a migration file that is not UTF-8 names the file', async () => {
    const { project, migration } = await copy();
    await writeFile(path.join(migration, 'expand.sql'), Buffer.from([0x2d, 0x2d, 0x20, 0xc3, 0x28, 0x0a]));
    expectReport(await userError(checkProject(project)), 2, 'expand.sql', /UTF-8/);
  });

  it('an edited migration file is refused by name (pgtide.sum)', async () => {
    const { project, migration } = await copy();
    const file = path.join(migration, 'expand.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\n-- an innocent comment\n`);
    expectReport(await userError(checkProject(project)), 2, 'pgtide.sum', 'expand.sql');
  });

  it('a missing pgtide.sum next to migration folders is refused', async () => {
    const { project } = await copy();
    await rm(path.join(project.migrationsDir, 'pgtide.sum'));
    expectReport(await userError(checkProject(project)), 2, 'pgtide.sum');
  });

  it('a plan.json that is not JSON names the file', async () => {
    const { project, migration } = await copy();
    await writeFile(path.join(migration, 'plan.json'), '{ "from": ');
    expectReport(await userError(checkProject(project)), 2, 'plan.json');
  });

  it('a migrations path that is a file', async () => {
    const { project } = await copy();
    await rm(project.migrationsDir, { recursive: true });
    await writeFile(project.migrationsDir, 'not a folder');
    expectReport(await userError(checkProject(project)), 2, 'migrations');
  });

  it('an empty migrations folder is a history with nothing in it: check reports every change', async () => {
    const { project } = await copy();
    await rm(project.migrationsDir, { recursive: true });
    await mkdir(project.migrationsDir);
    const result = await checkProject(project);
    expect(result.changes.map((c) => c.kind)).toContain('table.create');
  });

  it('a missing migrations folder is the same as an empty one', async () => {
    const { project } = await copy();
    await rm(project.migrationsDir, { recursive: true });
    const result = await checkProject(project);
    expect(result.changes.map((c) => c.kind)).toContain('table.create');
  });

  it('generate blocked by the hazard gate (exit 4) leaves no folder, no temporary folder and the same pgtide.sum', async () => {
    const { dir, project } = await copy();
    const sumBefore = await readFile(path.join(project.migrationsDir, 'pgtide.sum'), 'utf8');
    const listBefore = await readdir(project.migrationsDir);
    await writeFile(path.join(dir, 'schema/index.ts'), `import { integer, table } from 'pgtide';\nexport const users = table('users', { id: integer().primaryKey() });\n`);
    expectReport(await userError(generateMigration(project, { name: 'drop_name', allowHazards: false })), 4, 'name');
    expect(await readdir(project.migrationsDir)).toEqual(listBefore);
    expect(await readFile(path.join(project.migrationsDir, 'pgtide.sum'), 'utf8')).toBe(sumBefore);
  });
});

describe.concurrent('bad input: database sources', () => {
  it('a URL that cannot be parsed (exit 2), its password redacted', async () => {
    const err = await userError(openSource('postgres://me:S3cretPw@[not-a-host/db'));
    expect(err.exitCode).toBe(2);
    expect(err.message).not.toContain('S3cretPw');
  });

  it('a source of an unknown kind (exit 2)', async () => {
    expectReport(await userError(openSource('mysql://me:S3cretPw@127.0.0.1/db')), 2, 'postgres://');
  });

  it('an unreachable database: exit 3, password redacted, what to check', async () => {
    const { project } = await copy();
    const err = await userError(applyProject(project, { database: 'postgres://me:S3cretPw@127.0.0.1:1/app', phase: 'all' }));
    expectReport(err, 3, '127.0.0.1', 'DATABASE_URL');
    expect(err.message).not.toContain('S3cretPw');
  });
});

describe.skipIf(skipWithoutServer()).concurrent('bad input: a real server', () => {
  const url = (patch: (u: URL) => void): string => {
    const u = new URL(testServerUrl!);
    patch(u);
    return u.toString();
  };

  it('a database that does not exist: exit 3 naming it', async () => {
    const { project } = await copy();
    const err = await userError(applyProject(project, { database: url((u) => (u.pathname = '/pgtide_no_such_db')), phase: 'all' }));
    expectReport(err, 3, 'pgtide_no_such_db');
  });

  it('a role that does not exist, with a password: exit 3, the password never shown', async () => {
    // The test server trusts every local connection, so a wrong password for a real role cannot
    // be provoked; a role that does not exist fails authentication the same way (exit 3).
    const { project } = await copy();
    const err = await userError(applyProject(project, { database: url((u) => { u.username = 'pgtide_nobody'; u.password = 'S3cretPw'; }), phase: 'all' }));
    expectReport(err, 3, 'pgtide_nobody');
    expect(err.message).not.toContain('S3cretPw');
  });

  it('a role without CREATE on schema public: exit 3 naming the file, nothing half-applied, a re-run after GRANT finishes', async () => {
    const { project } = await copy();
    await withTestDatabase(async (db) => {
      const role = `pgtide_ro_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      try {
        // Names are generated from [a-z0-9_], so they need no quoting.
        await admin.query(`CREATE ROLE ${role} LOGIN; GRANT CREATE ON DATABASE ${db.name} TO ${role}; REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
        const asRole = url((u) => { u.username = role; u.pathname = `/${db.name}`; });
        const err = await userError(applyProject(project, { database: asRole, phase: 'all' }));
        expectReport(err, 3, 'expand.sql', 'permission denied');
        const tables = await admin.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
        expect(tables.rows[0].n).toBe(0);
        const done = await admin.query(`SELECT count(*)::int AS n FROM pgtide.migrations WHERE finished_at IS NOT NULL`);
        expect(done.rows[0].n).toBe(0);
        await admin.query(`GRANT CREATE ON SCHEMA public TO ${role}`);
        const outcome = await applyProject(project, { database: asRole, phase: 'all' });
        expect(outcome.database).not.toContain('S3cretPw');
        const after = await admin.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'users'`);
        expect(after.rows[0].n).toBe(1);
      } finally {
        await admin.query(`REASSIGN OWNED BY ${role} TO CURRENT_USER; DROP OWNED BY ${role}`).catch(() => undefined);
        await admin.end();
        const cleanup = new pg.Client({ connectionString: testServerUrl });
        await cleanup.connect();
        await cleanup.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
        await cleanup.end();
      }
    }, 'pgtide_priv');
  });

  /**
   * A fresh database and a login role on it that holds nothing but what PUBLIC has (CONNECT, TEMP);
   * `admin` is a connection as the test server's superuser. The role is dropped afterwards.
   */
  async function withRole(fn: (ctx: { admin: pg.Client; role: string; dbName: string; asRole: string; asAdmin: string }) => Promise<void>): Promise<void> {
    await withTestDatabase(async (db) => {
      const role = `pgtide_priv_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      try {
        // Names are generated from [a-z0-9_], so they need no quoting.
        await admin.query(`CREATE ROLE ${role} LOGIN`);
        await fn({ admin, role, dbName: db.name, asRole: url((u) => { u.username = role; u.pathname = `/${db.name}`; }), asAdmin: db.url });
      } finally {
        await admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
        await admin.end();
        const cleanup = new pg.Client({ connectionString: testServerUrl });
        await cleanup.connect();
        await cleanup.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
        await cleanup.end();
      }
    }, 'pgtide_priv');
  }

  const historySchemaExists = async (admin: pg.Client): Promise<boolean> =>
    (await admin.query(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'pgtide'`)).rows[0].n === 1;

  it('a role with only CONNECT: apply names the missing CREATE on the database and the GRANT, creates nothing', async () => {
    const { project } = await copy();
    await withRole(async ({ admin, role, dbName, asRole }) => {
      const err = await userError(applyProject(project, { database: asRole, phase: 'all' }));
      expectReport(err, 3, `Role ${role} has no CREATE privilege on database ${dbName}`, 'history schema', `GRANT CREATE ON DATABASE ${dbName} TO ${role}`);
      expect(await historySchemaExists(admin)).toBe(false);
    });
  });

  it('an existing history schema needs no CREATE on the database; missing table privileges are named', async () => {
    const { project } = await copy();
    await withRole(async ({ admin, role, asRole, asAdmin }) => {
      // The history is created by its owner (an apply with no migrations to run), then shared.
      const empty = await copy();
      await rm(empty.project.migrationsDir, { recursive: true });
      await applyProject(empty.project, { database: asAdmin, phase: 'all' });
      await admin.query(`GRANT USAGE ON SCHEMA pgtide TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA pgtide TO ${role}; GRANT CREATE ON SCHEMA public TO ${role}`);
      const err = await userError(applyProject(project, { database: asRole, phase: 'all' }));
      expectReport(err, 3, `Role ${role} lacks INSERT, UPDATE, DELETE on pgtide.migrations`, 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgtide');
      await admin.query(`GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgtide TO ${role}`);
      await applyProject(project, { database: asRole, phase: 'all' });
      const done = await admin.query(`SELECT count(*)::int AS n FROM pgtide.migrations WHERE finished_at IS NOT NULL`);
      expect(done.rows[0].n).toBeGreaterThan(0);
    });
  });

  it('status, drift and plan with a role that cannot read the history: exit 3 naming the privilege and the GRANT', async () => {
    const { project } = await copy();
    await withRole(async ({ admin, role, asRole, asAdmin }) => {
      await applyProject(project, { database: asAdmin, phase: 'all' });
      for (const read of [() => statusProject(project, { database: asRole }), () => driftProject(project, { database: asRole }), () => planProject(project, { database: asRole })]) {
        expectReport(await userError(read()), 3, `Role ${role} cannot read pgtide's migration history`, 'USAGE on schema pgtide', `GRANT USAGE ON SCHEMA pgtide TO ${role}`);
      }
      await admin.query(`GRANT USAGE ON SCHEMA pgtide TO ${role}`);
      expectReport(await userError(statusProject(project, { database: asRole })), 3, 'SELECT on pgtide.migrations, SELECT on pgtide.steps');
      await admin.query(`GRANT SELECT ON pgtide.migrations, pgtide.steps TO ${role}`);
      const status = await statusProject(project, { database: asRole });
      const states = status.migrations.flatMap((m) => m.phases.map((ph) => ph.state));
      expect(states).toContain('applied');
      expect(states).not.toContain('pending');
    });
  });
});
