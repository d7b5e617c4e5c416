import { stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openSource, scratchPglite } from '../../src/db/pglite.js';
import { cachedTemplatePath, pgliteVersion } from '../../src/db/pglite-template.js';
import { ExitCode, isPgtideError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

let tmp: string;
beforeAll(async () => {
  tmp = await tempDir('pgtide-pglite-');
});

describe('scratchPglite', () => {
  it('opens an empty PostgreSQL 18 database that queries and runs scripts', async () => {
    const db = await scratchPglite();
    try {
      expect(db.engine).toBe('pglite');
      expect(db.displayName).toBe('pglite:memory');
      expect(db.serverVersion).toBeGreaterThanOrEqual(180000);
      await db.exec('CREATE TABLE t (id bigint, n numeric); INSERT INTO t VALUES (9007199254740993, 2.50);');
      const res = await db.query<{ id: string; n: string }>('SELECT id, n FROM t WHERE id > $1', [1]);
      expect(res.rows).toEqual([{ id: '9007199254740993', n: '2.50' }]);
      expect(res.affectedRows).toBeNull();
      expect((await db.query('DELETE FROM t')).affectedRows).toBe(1);
      const tables = await db.query('SELECT relname FROM pg_class WHERE relname = $1', ['t']);
      expect(tables.rows).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('gives every instance its own database, started from the cached template', async () => {
    const a = await scratchPglite();
    const file = await cachedTemplatePath();
    expect(file).not.toBeNull();
    expect(file).toContain(`pglite-${pgliteVersion()}`);
    const before = (await stat(file!)).mtimeMs;
    const b = await scratchPglite();
    try {
      await a.exec('CREATE TABLE only_in_a (id int)');
      const inB = await b.query("SELECT 1 FROM pg_class WHERE relname = 'only_in_a'");
      expect(inB.rows).toEqual([]);
      // The template is reused, not rewritten.
      expect((await stat(file!)).mtimeMs).toBe(before);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('starts with small shared buffers, since its file system already holds every page in memory', async () => {
    const db = await scratchPglite();
    try {
      const res = await db.query<{ v: string }>("SELECT current_setting('shared_buffers') AS v");
      expect(res.rows[0]?.v).toBe('16MB');
    } finally {
      await db.close();
    }
  });

  it('loads requested contrib extensions so that CREATE EXTENSION works', async () => {
    const db = await scratchPglite({ extensions: ['pgcrypto', 'uuid-ossp', 'citext'] });
    try {
      await db.exec('CREATE EXTENSION pgcrypto; CREATE EXTENSION "uuid-ossp"; CREATE EXTENSION citext;');
      const res = await db.query<{ ok: boolean }>(
        "SELECT length(gen_random_bytes(4)) = 4 AND uuid_generate_v4() IS NOT NULL AND 'A'::citext = 'a' AS ok",
      );
      expect(res.rows).toEqual([{ ok: true }]);
    } finally {
      await db.close();
    }
  });

  it('rejects extensions PGlite does not ship', async () => {
    await expect(scratchPglite({ extensions: ['postgis'] })).rejects.toThrow(
      /does not provide the extension "postgis"/,
    );
  });
});

describe('openPglite on a folder', () => {
  it('initialises a missing folder from the template and keeps data across reopen', async () => {
    const dir = path.join(tmp, 'data');
    const first = await openPglite({ dir });
    try {
      await first.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('hello');");
    } finally {
      await first.close();
    }
    const again = await openSource(`pglite:${dir}`, { readOnly: true });
    try {
      expect(again.displayName).toBe(`pglite:${dir}`);
      expect((await again.query('SELECT v FROM kept')).rows).toEqual([{ v: 'hello' }]);
      await expect(again.exec('CREATE TABLE nope (id int)')).rejects.toThrow(/read-only transaction/);
    } finally {
      await again.close();
    }
  });

  it('refuses sources that are not databases', async () => {
    const err = await openSource('schema/index.ts').catch((e: unknown) => e);
    expect(isPgtideError(err) && err.exitCode).toBe(ExitCode.usage);
    // Not echoed: a string that is no database source may be a URL with its scheme left out.
    expect((err as Error).message).toMatch(/^The database source is not a database source: give a postgres:\/\//);
    expect((err as Error).message).not.toContain('schema/index.ts');
  });
});
