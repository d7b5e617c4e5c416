import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../../src/apply/index.js';
import { concurrentIndexOf } from '../../src/apply/concurrent-index.js';
import { connectPostgres } from '../../src/db/postgres.js';
import type { Queryable } from '../../src/db/queryable.js';
import { expectReport, userError } from '../bad-input/helpers.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';
import { apply, appliedPhases, rows, timeouts, useTemp, writeHistory } from './helpers.js';

const temp = useTemp();

describe('concurrentIndexOf: the index a statement builds concurrently', () => {
  it.each([
    ['CREATE INDEX CONCURRENTLY t_a_idx ON app.t USING btree (a)', { name: 't_a_idx', schema: 'app', table: 't' }],
    ['create unique index concurrently if not exists "Big Idx" on only "My"."T" (a) WHERE a > 0', { name: 'Big Idx', schema: 'My', table: 'T' }],
    ['CREATE INDEX /* c */ CONCURRENTLY i -- x\nON t (a)', { name: 'i', schema: null, table: 't' }],
  ])('%s', (text, want) => {
    expect(concurrentIndexOf(text)).toEqual(want);
  });

  it.each([
    'CREATE INDEX i ON t (a)',
    'CREATE INDEX CONCURRENTLY ON t (a)',
    'DROP INDEX CONCURRENTLY i',
    'REINDEX INDEX CONCURRENTLY i',
    "ALTER TYPE app.mood ADD VALUE 'x'",
  ])('none for %s', (text) => {
    expect(concurrentIndexOf(text)).toBeNull();
  });
});

const BASE = {
  version: '20260101T000000Z',
  name: 'base',
  files: { expand: 'CREATE SCHEMA app;\nCREATE TABLE app.t (id int PRIMARY KEY, a int);\nINSERT INTO app.t SELECT g, g FROM generate_series(1, 100) g;\n' },
};
const INDEX = {
  version: '20260102T000000Z',
  name: 'index',
  files: { expand: '-- pgtide:no-transaction\nCREATE INDEX CONCURRENTLY t_a_idx ON app.t USING btree (a);\n' },
};

/** The state of app.t_a_idx: null when it does not exist. */
async function indexState(db: Queryable): Promise<{ valid: boolean } | null> {
  const r = await rows<{ valid: boolean }>(db, `SELECT i.indisvalid AS valid FROM pg_index i WHERE i.indexrelid = to_regclass('app.t_a_idx')`);
  return r[0] ?? null;
}

/** Another session holding a snapshot, as pg_dump or a long REPEATABLE READ report does: a concurrent build waits for it. */
async function holdSnapshot(url: string): Promise<Queryable> {
  const holder = await connectPostgres(url);
  await holder.exec('BEGIN ISOLATION LEVEL REPEATABLE READ');
  await holder.query('SELECT 1');
  return holder;
}

describe.skipIf(skipWithoutServer())('CREATE INDEX CONCURRENTLY that fails (PostgreSQL)', () => {
  it('timed out by an old snapshot: tried 1 + lockRetries times, the invalid index dropped each time, nothing left behind', async () => {
    const dir = join(await temp(), 'migrations');
    const folders = await writeHistory(dir, [BASE, INDEX]);
    await withTestDatabase(async (tdb) => {
      const db = await connectPostgres(tdb.url);
      let holder: Queryable | null = null;
      try {
        await apply(db, dir, folders, { to: BASE.version });
        holder = await holdSnapshot(tdb.url);
        const events: ApplyEvent[] = [];
        const tight = { ...timeouts, lockTimeoutMs: 300, lockRetries: 2, backoffMs: 10 };
        const err = await userError(apply(db, dir, folders, { timeouts: tight, listen: (e) => void events.push(e) }));
        expectReport(err, 3, '20260102T000000Z_index/expand.sql:2 on ', 'CREATE INDEX CONCURRENTLY of t_a_idx timed out 3 time(s)', 'lock timeout', 'the invalid index it left was dropped each time', 'REPEATABLE READ');
        expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
        const notes = events.flatMap((e) => (e.type === 'note' ? [e.message] : []));
        expect(notes).toHaveLength(3);
        for (const n of notes) expect(n).toMatch(/^CREATE INDEX CONCURRENTLY failed \(canceling statement due to lock timeout\); the invalid index app\.t_a_idx it left was dropped$/);
        expect(await indexState(db)).toBeNull();
        expect(await appliedPhases(db)).toEqual(['20260101T000000Z/expand']);

        await holder.exec('ROLLBACK');
        const again: ApplyEvent[] = [];
        await apply(db, dir, folders, { timeouts: tight, listen: (e) => void again.push(e) });
        expect(again.filter((e) => e.type === 'note' || e.type === 'retry')).toEqual([]);
        expect(await indexState(db)).toEqual({ valid: true });
        expect(await appliedPhases(db)).toEqual(['20260101T000000Z/expand', '20260102T000000Z/expand']);
      } finally {
        await holder?.close();
        await db.close();
      }
    }, 'pgtide_cic');
  }, 120_000);

  it('an invalid index left by a run that was killed mid-build is dropped on the next run, with a line saying so, and built anew', async () => {
    const dir = join(await temp(), 'migrations');
    const folders = await writeHistory(dir, [BASE, INDEX]);
    await withTestDatabase(async (tdb) => {
      const admin = await connectPostgres(tdb.url);
      let holder: Queryable | null = await holdSnapshot(tdb.url);
      try {
        const first = await connectPostgres(tdb.url);
        await apply(first, dir, folders, { to: BASE.version });
        // No lock timeout: the build waits on the snapshot until its session is killed, as by a crash.
        const running = apply(first, dir, folders).then(() => null, (e: unknown) => e);
        await waitFor(async () => (await rows(admin, `SELECT 1 FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock'`)).length > 0);
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%'`);
        expect(await running).toBeInstanceOf(Error);
        await first.close().catch(() => undefined);
        expect(await indexState(admin)).toEqual({ valid: false });
        await holder.exec('ROLLBACK');
        await holder.close();
        holder = null;

        const events: ApplyEvent[] = [];
        const done = await apply(admin, dir, folders, { listen: (e) => void events.push(e) });
        expect(done.applied.map((a) => a.file)).toEqual(['20260102T000000Z_index/expand.sql']);
        expect(events.flatMap((e) => (e.type === 'note' ? [e.message] : []))).toEqual([
          'the invalid index app.t_a_idx left by an earlier run that did not finish was dropped; building it again',
        ]);
        expect(await indexState(admin)).toEqual({ valid: true });
      } finally {
        await holder?.close();
        await admin.close();
      }
    }, 'pgtide_cic');
  }, 120_000);
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the condition never came true');
}
