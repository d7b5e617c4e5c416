import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from '../../src/db/pglite.js';
import { createTestDatabase, skipWithoutServer, type TestDatabase } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';
import { pgtide, requireBuild, shown } from './helpers.js';

/**
 * After `init --from-database`, the next commands must reach the database the schema came from: a
 * bare `pgtide plan` would plan against the embedded default database, which is empty.
 */
describe('init --from-database says the next commands exactly', () => {
  const newRoot = (): Promise<string> => tempDir('pgtide-init-next-');
  beforeAll(() => requireBuild());

  it('names the source with --database when it holds no password', async () => {
    const root = await newRoot();
    const url = `pglite:${path.join(root, '.source')}`;
    const db = await openSource(url);
    await db.exec('CREATE TABLE items (id integer PRIMARY KEY)');
    await db.close();
    const r = await pgtide(['init', '--from-database', url], { cwd: root });
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain(`npx pgtide plan --database ${url}`);
    expect(r.stdout).toContain(`npx pgtide baseline --database ${url}`);
  });

  describe.skipIf(skipWithoutServer())('on PostgreSQL', () => {
    let tdb: TestDatabase;
    beforeAll(async () => {
      tdb = await createTestDatabase('pgtide_init_next');
      const client = new pg.Client({ connectionString: tdb.url });
      await client.connect();
      await client.query('CREATE TABLE items (id integer PRIMARY KEY)');
      await client.end();
    });
    afterAll(async () => {
      await tdb?.drop();
    });

    it('asks to export DATABASE_URL with the password put back, and never prints it', async () => {
      const root = await newRoot();
      const withPassword = new URL(tdb.url);
      // The test server trusts local connections, so any password connects.
      withPassword.password = 'Hunter2#not/Here';
      const r = await pgtide(['init', '--from-database', withPassword.toString()], { cwd: root });
      expect(r.code, shown(r)).toBe(0);
      expect(`${r.stdout}${r.stderr}`).not.toContain('Hunter2');
      expect(r.stdout).toMatch(/export DATABASE_URL=.*\*\*\*.*with your password in place of \*\*\*/);
      expect(r.stdout).toMatch(/npx pgtide plan +#/);
    });

    it('relies on DATABASE_URL when that is where the database came from', async () => {
      const root = await newRoot();
      const r = await pgtide(['init', '--from-database'], { cwd: root, env: { DATABASE_URL: tdb.url } });
      expect(r.code, shown(r)).toBe(0);
      expect(r.stdout).toContain('DATABASE_URL is set in this shell');
      expect(r.stdout).not.toContain('--database');
    });
  });
});
