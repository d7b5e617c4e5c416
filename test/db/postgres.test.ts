import { describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/db/postgres.js';
import { ExitCode, isPgtideError } from '../../src/errors.js';
import { openSource } from '../../src/db/pglite.js';
import { skipWithoutServer, testServerUrl, withTestDatabase } from '../helpers/postgres.js';

describe.skipIf(skipWithoutServer())('connectPostgres', () => {
  it('queries with parameters, runs multi-statement scripts and keeps int8/numeric exact', async () => {
    await withTestDatabase(async (t) => {
      const db = await connectPostgres(t.url, { applicationName: 'pgtide-test' });
      try {
        expect(db.engine).toBe('postgres');
        expect(db.serverVersion).toBeGreaterThanOrEqual(140000);
        await db.exec('CREATE TABLE t (id bigint, n numeric); INSERT INTO t VALUES (9007199254740993, 1.10);');
        const res = await db.query<{ id: string; n: string; app: string }>(
          'SELECT id, n, current_setting($1) AS app FROM t',
          ['application_name'],
        );
        expect(res.rows).toEqual([{ id: '9007199254740993', n: '1.10', app: 'pgtide-test' }]);
        expect(res.affectedRows).toBeNull();
        const upd = await db.query('UPDATE t SET n = n + 1');
        expect(upd.affectedRows).toBe(1);
      } finally {
        await db.close();
      }
    });
  });

  it('sets read-only sessions', async () => {
    await withTestDatabase(async (t) => {
      const db = await connectPostgres(t.url, { readOnly: true });
      try {
        await expect(db.exec('CREATE TABLE t (id int)')).rejects.toThrow(/read-only transaction/);
      } finally {
        await db.close();
      }
    });
  });

  it('redacts the password from connection errors and the display name', async () => {
    const url = new URL(testServerUrl!);
    url.username = 'no_such_role_pgtide';
    url.password = 'hunter2-secret';
    url.pathname = '/no_such_db_pgtide';
    const err = await connectPostgres(url.toString()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isPgtideError(err) && err.exitCode).toBe(ExitCode.runtime);
    const message = (err as Error).message;
    expect(message).toContain('Could not connect to');
    expect(message).not.toContain('hunter2-secret');
    expect((err as Error).stack ?? '').not.toContain('hunter2-secret');
    expect(message).toContain(':***@');
  });

  it('connects with a percent-encoded password holding "#" and "/", and with a libpq keyword/value string', async () => {
    await withTestDatabase(async (t) => {
      const base = new URL(t.url);
      const encoded = `postgres://${base.username || 'postgres'}:p%23a%2Fb@${base.host}/${t.name}`;
      const keywords = `host=${base.hostname} port=${base.port || '5432'} user=${base.username || 'postgres'} password='p#a/b c' dbname=${t.name} application_name=kw_test`;
      for (const [source, display] of [
        [encoded, `postgres://${base.username || 'postgres'}:***@${base.host}/${t.name}`],
        [keywords, `postgres://${base.username || 'postgres'}:***@${base.host}/${t.name}?application_name=kw_test`],
      ] as const) {
        const db = await openSource(source);
        try {
          expect(db.displayName).toBe(display);
          const res = await db.query<{ db: string }>('SELECT current_database() AS db');
          expect(res.rows).toEqual([{ db: t.name }]);
        } finally {
          await db.close();
        }
      }
    });
  });

  it('is reached through openSource', async () => {
    await withTestDatabase(async (t) => {
      const db = await openSource(t.url);
      try {
        expect(db.engine).toBe('postgres');
        expect(db.displayName).toBe(t.url);
      } finally {
        await db.close();
      }
    });
  });
});
