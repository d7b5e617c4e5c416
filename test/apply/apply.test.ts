import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStatuses, rollbackNewest } from '../../src/apply/index.js';
import type { Queryable } from '../../src/db/queryable.js';
import { isPgtideError } from '../../src/errors.js';
import { readMigrations } from '../../src/migrations/index.js';
import { apply, appliedPhases, ENGINES, MIXED, rows, timeouts, useTemp, writeHistory } from './helpers.js';

const temp = useTemp();

async function refusal(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!isPgtideError(err)) throw new Error(`expected a pgtide error, got ${String(err)}`);
  return { code: err.exitCode, message: err.message };
}

describe.each(ENGINES)('apply on $name', (engine) => {
  const run = async (fn: (ctx: { dir: string; db: Queryable }) => Promise<void>): Promise<void> => {
    const target = await engine.create(temp);
    const dir = join(await temp(), 'migrations');
    const db = await target.open();
    try {
      await fn({ dir, db });
    } finally {
      await db.close();
      await target.drop();
    }
  };

  it.skipIf(engine.skip)("reports a backfill's rows so far against its table's estimated rows", () =>
    run(async ({ dir, db }) => {
      const folders = await writeHistory(dir, [
        { version: '20260101T000000Z', name: 'base', files: { expand: 'CREATE TABLE public."Line Items" (id int PRIMARY KEY, code text);\nINSERT INTO public."Line Items" SELECT g FROM generate_series(1, 50) g;\nANALYZE public."Line Items";\n' } },
        { version: '20260102T000000Z', name: 'fill', files: { migrate: '-- pgtide:batch size=20 table=public."Line Items"\nUPDATE public."Line Items" SET code = \'c\' WHERE id IN (SELECT id FROM public."Line Items" WHERE code IS NULL LIMIT 20);\n' } },
      ]);
      const batches: { done: number; total: number | null }[] = [];
      await apply(db, dir, folders, { listen: (e) => void (e.type === 'batch' && batches.push({ done: e.done, total: e.total })) });
      expect(batches).toEqual([20, 40, 50, 50].map((done) => ({ done, total: 50 })));
    }));

  it.skipIf(engine.skip)('applies every phase once, records it, and does nothing the second time', () =>
    run(async ({ dir, db }) => {
      const folders = await writeHistory(dir, MIXED);
      const first = await apply(db, dir, folders);
      expect(first.applied.map((a) => a.file)).toEqual([
        '20260101T000000Z_base/expand.sql',
        '20260102T000000Z_mixed/expand.sql',
        '20260102T000000Z_mixed/migrate.sql',
        '20260102T000000Z_mixed/contract.sql',
      ]);
      const again = await apply(db, dir, folders);
      expect(again.applied).toEqual([]);
      expect(await rows(db, 'SELECT msg FROM app.log ORDER BY msg')).toEqual(
        ['base', 'contract', 'expand-1', 'expand-2'].map((msg) => ({ msg })),
      );
      expect(await rows(db, 'SELECT count(*)::int AS n FROM app.items WHERE code IS NULL')).toEqual([{ n: 0 }]);
      const history = await rows<Record<string, unknown>>(db, 'SELECT version, name, phase, checksum, finished_at IS NOT NULL AS done, duration_ms >= 0 AS timed, applied_by FROM pgtide.migrations ORDER BY version, phase');
      expect(history).toHaveLength(4);
      for (const h of history) expect(h).toMatchObject({ done: true, timed: true, applied_by: 'postgres' });
      expect(history[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(await rows(db, 'SELECT * FROM pgtide.steps')).toEqual([]);
    }),
  );

  it.skipIf(engine.skip)('runs phases one at a time: contract only where expand and migrate are done', () =>
    run(async ({ dir, db }) => {
      const folders = await writeHistory(dir, MIXED);
      expect((await apply(db, dir, folders, { phase: 'contract' })).applied).toEqual([]);
      expect((await apply(db, dir, folders, { phase: 'migrate' })).applied).toEqual([]);
      expect((await apply(db, dir, folders, { phase: 'expand' })).applied).toHaveLength(2);
      expect((await apply(db, dir, folders, { phase: 'contract' })).applied).toEqual([]);
      expect((await apply(db, dir, folders, { phase: 'migrate' })).applied.map((a) => a.file)).toEqual(['20260102T000000Z_mixed/migrate.sql']);
      const statuses = await readStatuses(db, folders);
      expect(statuses[1]!.phases.map((p) => p.state)).toEqual(['applied', 'applied', 'pending']);
      expect(statuses[0]!.phases.map((p) => p.state)).toEqual(['applied', 'absent', 'absent']);
      expect((await apply(db, dir, folders, { phase: 'contract' })).applied).toHaveLength(1);
    }),
  );

  it.skipIf(engine.skip)('--to stops at a version; --dry-run prints exactly the statements and changes nothing', () =>
    run(async ({ dir, db }) => {
      const folders = await writeHistory(dir, MIXED);
      const dry = await apply(db, dir, folders, { dryRun: true, to: '20260101T000000Z' });
      expect(dry.script).toContain('-- 20260101T000000Z_base/expand.sql\nBEGIN;\nCREATE SCHEMA app;');
      expect(dry.script).not.toContain('mixed');
      expect(await rows(db, "SELECT to_regclass('pgtide.migrations') AS t")).toEqual([{ t: null }]);
      expect((await apply(db, dir, folders, { to: '20260101T000000Z' })).applied).toHaveLength(1);
      const rest = await apply(db, dir, folders, { dryRun: true });
      expect(rest.script).toContain('-- pgtide:no-transaction\nCREATE INDEX CONCURRENTLY items_code_idx ON app.items (code);');
      expect(rest.script).toContain('-- pgtide:batch size=20');
      expect(await appliedPhases(db)).toEqual(['20260101T000000Z/expand']);
      expect((await refusal(apply(db, dir, folders, { to: '20990101T000000Z' }))).code).toBe(2);
    }),
  );

  it.skipIf(engine.skip)('refuses an edited applied file, a deleted applied folder and an out-of-order migration, naming them', () =>
    run(async ({ dir, db }) => {
      const folders = await writeHistory(dir, [MIXED[1]!, { version: '20260103T000000Z', name: 'later', files: { expand: 'CREATE TABLE app.later (id int);\n' } }].map((m, i) => (i === 0 ? { ...m, files: { ...m.files, expand: `${MIXED[0]!.files.expand}${m.files.expand}` } } : m)));
      await apply(db, dir, folders, { phase: 'expand' });
      const file = join(dir, '20260102T000000Z_mixed', 'expand.sql');
      const original = await readFile(file, 'utf8');

      const edited = folders.map((f, i) => (i === 0 ? { ...f, files: { ...f.files, expand: `${original}-- tweak\n` } } : f));
      const e1 = await refusal(apply(db, dir, edited));
      expect(e1.code).toBe(2);
      expect(e1.message).toContain('20260102T000000Z_mixed/expand.sql was edited after it was applied');

      const e2 = await refusal(apply(db, dir, folders.slice(0, 1)));
      expect(e2.message).toContain('20260103T000000Z_later is recorded as applied in the database but its folder is missing');

      const older = await writeHistory(dir, [{ version: '20260101T120000Z', name: 'branch', files: { expand: 'CREATE TABLE app.branch (id int);\n' } }]);
      const e3 = await refusal(apply(db, dir, older));
      expect(e3.code).toBe(2);
      expect(e3.message).toContain('20260101T120000Z_branch is pending but older than 20260103T000000Z');
      expect((await apply(db, dir, older, { allowOutOfOrder: true, phase: 'expand' })).applied.map((a) => a.file)).toEqual(['20260101T120000Z_branch/expand.sql']);
      const withoutFile = (await readMigrations(dir)).map((f) => (f.name === 'mixed' ? { ...f, files: { down: f.files.down! } } : f));
      const e4 = await refusal(apply(db, dir, withoutFile, { allowOutOfOrder: true }));
      expect(e4.message).toContain('20260102T000000Z_mixed/expand.sql was applied but does not exist any more');
    }),
  );

  it.skipIf(engine.skip)('rollback runs down.sql of the newest migration whose contract has not run, and records it', () =>
    run(async ({ dir, db }) => {
      const folders = await writeHistory(dir, MIXED);
      await apply(db, dir, folders, { phase: 'expand' });
      await apply(db, dir, folders, { phase: 'migrate' });
      const dry = await rollbackNewest(db, dir, folders, { dryRun: true, timeouts, lockWaitMs: 1000 });
      expect(dry).toMatchObject({ status: 'dry-run', migration: '20260102T000000Z_mixed' });
      // MIXED has no plan.json, so its down.sql counts as data loss and needs approval.
      expect((await refusal(rollbackNewest(db, dir, folders, { timeouts, lockWaitMs: 1000 }))).code).toBe(4);
      const done = await rollbackNewest(db, dir, folders, { timeouts, lockWaitMs: 1000, allowHazards: ['data-loss'] });
      expect(done.status).toBe('rolled-back');
      expect(await appliedPhases(db)).toEqual(['20260101T000000Z/expand']);
      expect(await rows(db, "SELECT version FROM pgtide.rollbacks")).toEqual([{ version: '20260102T000000Z' }]);
      expect(await rows(db, "SELECT to_regclass('app.extra') AS t")).toEqual([{ t: null }]);
      // Rolled back means pending again: a new apply runs it from the start.
      await apply(db, dir, folders);
      const e = await refusal(rollbackNewest(db, dir, folders, { timeouts, lockWaitMs: 1000 }));
      expect(e.code).toBe(2);
      expect(e.message).toContain('20260102T000000Z_mixed: its contract phase has run');
    }),
  );

  it.skipIf(engine.skip)('a failing statement stops apply with exit 3; the earlier parts stay recorded and the re-run continues', () =>
    run(async ({ dir, db }) => {
      const bad = { version: '20260103T000000Z', name: 'bad', files: { expand: 'CREATE TABLE app.ok (id int);\n-- pgtide:no-transaction\nCREATE INDEX CONCURRENTLY ok_idx ON app.ok (id);\nCREATE TABLE app.nope (id int REFERENCES app.missing (id));\n' } };
      const folders = await writeHistory(dir, [MIXED[0]!, bad]);
      const e = await refusal(apply(db, dir, folders));
      expect(e.code).toBe(3);
      expect(e.message).toMatch(/expand\.sql:4 on .*relation "app\.missing" does not exist/);
      expect(await rows(db, "SELECT phase, part FROM pgtide.steps WHERE finished_at IS NOT NULL ORDER BY part")).toEqual([
        { phase: 'expand', part: 0 },
        { phase: 'expand', part: 1 },
      ]);
      await db.exec('CREATE TABLE app.missing (id int PRIMARY KEY)');
      const fixed = await apply(db, dir, folders);
      expect(fixed.applied.map((a) => a.file)).toEqual(['20260103T000000Z_bad/expand.sql']);
      expect(await rows(db, "SELECT to_regclass('app.nope')::text AS t")).toEqual([{ t: 'app.nope' }]);
    }),
  );
});
