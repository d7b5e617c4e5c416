import { readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, skipWithoutServer, type TestDatabase } from '../helpers/postgres.js';
import { CONFIG, pgtide, requireBuild, shown, tempProject, type TempProject } from './helpers.js';

/** The package.json of an app: none of "type" (many apps), what `npm init -y` writes with npm 11, ESM. */
const PACKAGES = {
  'no "type"': '{ "name": "app", "version": "1.0.0", "main": "index.js" }\n',
  '"type": "commonjs"': '{ "name": "app", "version": "1.0.0", "main": "index.js", "type": "commonjs" }\n',
  '"type": "module"': '{ "name": "app", "version": "1.0.0", "type": "module" }\n',
} as const;

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * An existing database adopted by `pgtide pull`: the index.ts it writes re-exports each module with
 * `export * from './x.js'`. In a CommonJS app that index once declared nothing, and `plan` offered
 * to drop every table.
 */
describe.skipIf(skipWithoutServer()).each(Object.entries(PACKAGES))('an app with a package.json of %s', (_label, pkg) => {
  let p: TempProject;
  let db: TestDatabase;
  const run = (...args: string[]) => pgtide([...args, '--database', db.url], { cwd: p.dir });

  beforeAll(async () => {
    requireBuild();
    db = await createTestDatabase('pgtide_format');
    await sql(db.url, `CREATE TYPE mood AS ENUM ('sad', 'happy');
      CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, mood mood);
      CREATE TABLE posts (id integer PRIMARY KEY, author integer REFERENCES users (id));`);
    p = await tempProject({ 'package.json': pkg, 'schema.config.ts': CONFIG });
  });
  afterAll(async () => {
    await p?.remove();
    await db?.drop();
  });

  it('pull, then plan reports no changes and diff from the .ts source finds none', async () => {
    const pulled = await run('pull');
    expect(pulled.code, shown(pulled)).toBe(0);
    const plan = await run('plan');
    expect(plan.code, shown(plan)).toBe(0);
    expect(plan.stdout, shown(plan)).toContain('No changes');
    expect(plan.stdout).not.toMatch(/drop/i);
    const diff = await pgtide(['diff', 'schema/index.ts', db.url, '--exit-code', '--allow-hazards'], { cwd: p.dir });
    expect(diff.code, shown(diff)).toBe(0);
  });
});

describe.skipIf(skipWithoutServer())('schema files that declare nothing', () => {
  let p: TempProject;
  let db: TestDatabase;
  const run = (...args: string[]) => pgtide(args, { cwd: p.dir });
  const EMPTY = 'export {};\n';
  const USERS = `import { integer, table, text } from 'pgtide';\nexport const users = table('users', { id: integer().primaryKey(), email: text() });\n`;

  beforeAll(async () => {
    requireBuild();
    db = await createTestDatabase('pgtide_empty');
    await sql(db.url, 'CREATE TABLE users (id integer PRIMARY KEY, email text)');
    p = await tempProject({ 'package.json': PACKAGES['"type": "commonjs"'], 'schema.config.ts': CONFIG, 'schema/index.ts': EMPTY });
  });
  afterAll(async () => {
    await p?.remove();
    await db?.drop();
  });

  it('plan stops with exit 2, naming the files it read, unless --allow-empty-schema', async () => {
    const stopped = await run('plan', '--database', db.url);
    expect(stopped.code, shown(stopped)).toBe(2);
    expect(stopped.stderr).toContain('The schema files declare nothing: did they load?');
    expect(stopped.stderr).toContain('schema/index.ts');
    expect(stopped.stderr).toContain('table public.users');
    expect(stopped.stderr).toContain('--allow-empty-schema');
    expect(stopped.stderr).not.toMatch(/\n\s+at /);
    expect(stopped.stdout).toBe('');

    const allowed = await run('plan', '--database', db.url, '--allow-empty-schema');
    expect(allowed.code, shown(allowed)).toBe(0);
    expect(allowed.stdout).toContain('drop table public.users');
  });

  it('plan of an empty schema against an empty database just reports no changes', async () => {
    const r = await run('plan', '--database', 'pglite:memory');
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('No changes');
  });

  // The steps below run in order: generate, then the schema emptied, then check and generate.
  it('generate writes the migration of a declared table', async () => {
    await p.write('schema/index.ts', USERS);
    const first = await run('generate', 'users');
    expect(first.code, shown(first)).toBe(0);
    await p.write('schema/index.ts', EMPTY);
  });

  it('check stops with exit 2 when the migrations create objects, unless --allow-empty-schema', async () => {
    const check = await run('check');
    expect(check.code, shown(check)).toBe(2);
    expect(check.stderr).toContain('The schema files declare nothing: did they load?');
    expect(check.stderr).toContain('schema/index.ts');
    expect(check.stderr).toContain('table public.users');
    const allowed = await run('check', '--allow-empty-schema');
    expect(allowed.code, shown(allowed)).toBe(1);
    expect(allowed.stdout).toContain('users');
  });

  it('generate stops with exit 2 and writes nothing, unless --allow-empty-schema', async () => {
    const stopped = await run('generate', 'drop all', '--allow-hazards');
    expect(stopped.code, shown(stopped)).toBe(2);
    expect(stopped.stderr).toContain('The schema files declare nothing: did they load?');
    expect((await readdir(path.join(p.dir, 'db', 'migrations'))).filter((f) => f.includes('drop_all'))).toEqual([]);

    const written = await run('generate', 'drop all', '--allow-hazards', '--allow-empty-schema');
    expect(written.code, shown(written)).toBe(0);
    expect(written.stdout).toContain('drop table public.users');
  });

  it('check passes once the migrations drop everything too: an empty schema is then nothing to stop for', async () => {
    const clean = await run('check');
    expect(clean.code, shown(clean)).toBe(0);
  });
});
