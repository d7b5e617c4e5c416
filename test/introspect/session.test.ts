import { describe, expect, it } from 'vitest';
import { scratchPglite } from '../../src/db/pglite.js';
import { introspect, serverVersion } from '../../src/introspect/index.js';
import { ENGINES } from './helpers.js';

describe.each(ENGINES)('the introspection session on $name', (engine) => {
  it.skipIf(engine.skip)('leaves the session as it found it, and works on read-only sessions', async () => {
    await engine.withDb(async (db) => {
      await db.exec(`CREATE SCHEMA app; CREATE TABLE app.t (id int); SET search_path = app, public;`);
      await db.exec('SET default_transaction_read_only = on');
      const m = await introspect(db);
      expect([...m.table.keys()]).toEqual(['table:app.t']);
      const path = await db.query<{ search_path: string }>('SHOW search_path');
      expect(path.rows[0]?.search_path).toBe('app, public');
      // No transaction is left open: a statement that only works outside one succeeds.
      await db.exec('SET default_transaction_read_only = off');
      await db.exec('VACUUM app.t');
    });
  });

  it.skipIf(engine.skip)('rolls back and rethrows when a reader fails', async () => {
    await engine.withDb(async (db) => {
      const failing = { ...db, query: () => Promise.reject(new Error('catalog read failed')) };
      await expect(introspect(failing)).rejects.toThrow('catalog read failed');
      await db.exec('VACUUM');
    });
  });

  it.skipIf(engine.skip)('reports the server version it branches on', async () => {
    await engine.withDb(async (db) => {
      const v = serverVersion(db);
      expect(v.num).toBe(db.serverVersion);
      expect(v.major).toBeGreaterThanOrEqual(14);
      expect(v.major).toBeLessThanOrEqual(18);
    });
  });
});

describe('PostgreSQL 18 catalogs (PGlite)', () => {
  it('refuses VIRTUAL generated columns by name instead of reading them as STORED', async () => {
    const db = await scratchPglite();
    try {
      await db.exec('CREATE TABLE public.v (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL)');
      await expect(introspect(db)).rejects.toThrow(/public\.v\.b .*VIRTUAL/);
    } finally {
      await db.close();
    }
  });
});
