import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downEffects, readStatuses, rollbackNewest, type DownHazard, type RollbackOptions } from '../../src/apply/index.js';
import type { Queryable } from '../../src/db/queryable.js';
import { diff } from '../../src/diff/index.js';
import { bigint, compile, integer, sequence, table, text, varchar } from '../../src/dsl/index.js';
import { isPgtideError } from '../../src/errors.js';
import { renderMigrationFiles } from '../../src/migrations/render-files.js';
import { readMigrations, writeMigration, writeSum, type MigrationFolder } from '../../src/migrations/index.js';
import { emptyModel, type Model } from '../../src/model/index.js';
import { planChanges } from '../../src/plan/index.js';
import { apply, appliedPhases, ENGINES, rows, timeouts, useTemp, writeHistory } from './helpers.js';

const temp = useTemp();

async function refusal(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!isPgtideError(err)) throw new Error(`expected a pgtide error, got ${String(err)}`);
  return { code: err.exitCode, message: err.message };
}

const model = (exports: Record<string, unknown>): Model => compile([{ file: 'schema.ts', exports }]).model;

const V1 = () => ({
  users: table('users', { id: integer().primaryKey(), name: text() }),
  counter: sequence('counter'),
});
const V2 = () => ({
  ...V1(),
  users: table('users', { id: integer().primaryKey(), name: text(), nickname: text(), code: varchar(20) }),
  posts: table('posts', { id: integer().primaryKey(), title: text() }),
});

/** Writes migrations the way generate does: files, plan.json and pgtide.sum from the real planner. */
async function generated(dir: string, models: readonly Model[]): Promise<MigrationFolder[]> {
  let from = emptyModel();
  for (const [i, to] of models.entries()) {
    const plan = planChanges(diff(from, to), { from, to });
    const version = `2026010${i + 1}T000000Z`;
    const name = `step_${i + 1}`;
    const { files, plan: planJson } = renderMigrationFiles(plan, { version, name, fromHash: `h${i}`, toHash: `h${i + 1}` });
    await writeMigration(dir, { version, name, files, plan: planJson });
    from = to;
  }
  const folders = await readMigrations(dir);
  writeSum(dir, folders);
  return folders;
}

describe.each(ENGINES)('rollback approval and down.sql integrity on $name', (engine) => {
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
  const rollback = (db: Queryable, dir: string, folders: readonly MigrationFolder[], opts: Partial<RollbackOptions> = {}) =>
    rollbackNewest(db, dir, folders, { timeouts, lockWaitMs: 1000, ...opts });
  const exists = async (db: Queryable, name: string): Promise<boolean> =>
    (await rows<{ ok: boolean }>(db, `SELECT to_regclass('${name}') IS NOT NULL AS ok`))[0]!.ok;
  const column = async (db: Queryable, table: string, name: string): Promise<boolean> =>
    (await rows<{ ok: boolean }>(db, `SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = '${table}'::regclass AND attname = '${name}' AND NOT attisdropped) AS ok`))[0]!.ok;

  it.skipIf(engine.skip)('a down.sql that drops a table or column holding data needs --allow-hazards data-loss; nothing runs without it', () =>
    run(async ({ dir, db }) => {
      const folders = await generated(dir, [model(V1()), model(V2())]);
      await apply(db, dir, folders);
      await db.exec(`INSERT INTO public.users (id, name, nickname) VALUES (1, 'ann', 'a'); SELECT nextval('public.counter')`);

      const dry = await rollback(db, dir, folders, { dryRun: true });
      expect(dry.status).toBe('dry-run');
      const refused = await refusal(rollback(db, dir, folders));
      expect(refused.code).toBe(4);
      expect(refused.message).toContain('Rolling back 20260102T000000Z_step_2 would lose data, so nothing was run');
      expect(refused.message).toContain('down.sql drops column public.users.nickname: data-loss (high)');
      expect(refused.message).toContain('--allow-hazards data-loss');
      // posts is empty, and code holds no value: dropping them loses nothing, so they are not listed.
      expect(refused.message).not.toContain('public.posts');
      expect(refused.message).not.toContain('public.users.code');
      // Nothing ran and nothing was recorded.
      expect(await column(db, 'public.users', 'nickname')).toBe(true);
      expect(await exists(db, 'public.posts')).toBe(true);
      expect(await appliedPhases(db)).toEqual(['20260101T000000Z/expand', '20260102T000000Z/expand']);
      expect(await rows(db, 'SELECT version FROM pgtide.rollbacks')).toEqual([]);

      // Approving another kind approves nothing here.
      expect((await refusal(rollback(db, dir, folders, { allowHazards: ['rewrite'] }))).code).toBe(4);
      const told: DownHazard[][] = [];
      const done = await rollback(db, dir, folders, { allowHazards: ['data-loss'], onHazards: (h) => void told.push([...h]) });
      expect(done.status).toBe('rolled-back');
      expect(told).toHaveLength(1);
      expect(told[0]!.map((h) => h.what)).toEqual(['drops column public.users.nickname']);
      expect(await column(db, 'public.users', 'nickname')).toBe(false);
      expect(await exists(db, 'public.posts')).toBe(false);

      // The first migration created users (one row) and counter (used): both need approval.
      const first = await refusal(rollback(db, dir, folders));
      expect(first.code).toBe(4);
      expect(first.message).toContain('down.sql drops table public.users: data-loss (high)');
      expect(first.message).toContain('down.sql drops sequence public.counter: data-loss (medium)');
      expect(await rows(db, 'SELECT id, name FROM public.users')).toEqual([{ id: 1, name: 'ann' }]);
    }));

  it.skipIf(engine.skip)('a down.sql that drops only empty tables runs without approval', () =>
    run(async ({ dir, db }) => {
      const folders = await generated(dir, [model({ users: table('users', { id: integer().primaryKey(), name: text() }) })]);
      await apply(db, dir, folders);
      const done = await rollback(db, dir, folders);
      expect(done).toMatchObject({ status: 'rolled-back', hazards: [], downRecorded: true });
      expect(await exists(db, 'public.users')).toBe(false);
    }));

  it.skipIf(engine.skip)('a down.sql pgtide did not plan (no plan.json) counts as data loss, and says so', () =>
    run(async ({ dir, db }) => {
      const folders = await writeHistory(dir, [
        { version: '20260101T000000Z', name: 'imported', files: { expand: 'CREATE TABLE public.t (id int);\n', down: 'DROP TABLE public.t;\n' } },
      ]);
      await apply(db, dir, folders);
      const refused = await refusal(rollback(db, dir, folders));
      expect(refused.code).toBe(4);
      expect(refused.message).toContain('down.sql may remove anything: data-loss (high): it was not planned by pgtide (the folder has no plan.json), so pgtide cannot tell what it removes; it counts as data loss until reviewed');
      expect(await exists(db, 'public.t')).toBe(true);
      expect((await rollback(db, dir, folders, { allowHazards: true })).status).toBe('rolled-back');
      expect(await exists(db, 'public.t')).toBe(false);
    }));

  it.skipIf(engine.skip)('refuses (exit 2) a down.sql that changed after apply, even with pgtide.sum rewritten to match', () =>
    run(async ({ dir, db }) => {
      const folders = await generated(dir, [model({ users: table('users', { id: integer().primaryKey() }) })]);
      await apply(db, dir, folders);
      const folder = folders[0]!;
      await writeFile(join(folder.dir, 'down.sql'), 'DROP TABLE public.users;\nDROP SCHEMA public CASCADE;\n');
      const edited = await readMigrations(dir);
      writeSum(dir, edited);
      const refused = await refusal(rollback(db, dir, edited, { allowHazards: true }));
      expect(refused.code).toBe(2);
      expect(refused.message).toContain('20260101T000000Z_step_1/down.sql is not the down.sql that was there when 20260101T000000Z_step_1 was applied');
      expect(refused.message).toContain('Restore it from version control');
      expect(await exists(db, 'public.users')).toBe(true);
      // The dry run refuses the same way.
      expect((await refusal(rollback(db, dir, edited, { dryRun: true }))).code).toBe(2);
    }));

  it.skipIf(engine.skip)('a history table from an older pgtide gains the down.sql checksum column; its old rows roll back as before', () =>
    run(async ({ dir, db }) => {
      const folders = await writeHistory(dir, [
        { version: '20260101T000000Z', name: 'old', files: { expand: 'CREATE TABLE public.a (id int);\n', down: '-- nothing to undo\n' } },
        { version: '20260102T000000Z', name: 'new', files: { expand: 'CREATE TABLE public.b (id int);\n', down: '-- nothing to undo either\n' } },
      ]);
      // The history table exactly as pgtide created it before down.sql checksums were recorded.
      await db.exec(`CREATE SCHEMA pgtide;
CREATE TABLE pgtide.migrations (version text NOT NULL, name text NOT NULL, phase text NOT NULL CHECK (phase IN ('expand', 'migrate', 'contract')),
  checksum text NOT NULL, started_at timestamptz NOT NULL DEFAULT clock_timestamp(), finished_at timestamptz, duration_ms bigint,
  applied_by text NOT NULL DEFAULT current_user, PRIMARY KEY (version, phase));
CREATE TABLE pgtide.steps (version text NOT NULL, phase text NOT NULL, part integer NOT NULL, line integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT clock_timestamp(), finished_at timestamptz, PRIMARY KEY (version, phase, part));
CREATE TABLE pgtide.rollbacks (version text NOT NULL, name text NOT NULL, checksum text NOT NULL,
  rolled_back_at timestamptz NOT NULL DEFAULT clock_timestamp(), duration_ms bigint NOT NULL, applied_by text NOT NULL DEFAULT current_user);
CREATE TABLE public.a (id int);`);
      const { fileChecksum } = await import('../../src/apply/index.js');
      await db.query(`INSERT INTO pgtide.migrations (version, name, phase, checksum, finished_at, duration_ms) VALUES ('20260101T000000Z', 'old', 'expand', $1, now(), 1)`, [
        fileChecksum(folders[0]!.files.expand!),
      ]);
      // Reading the old table works before anything migrates it.
      expect((await readStatuses(db, folders)).map((m) => (m.phases[0]!.applied === null ? 'pending' : m.phases[0]!.applied.downChecksum))).toEqual([null, 'pending']);
      await apply(db, dir, folders);
      expect(await rows(db, 'SELECT version, down_checksum IS NOT NULL AS recorded FROM pgtide.migrations ORDER BY version')).toEqual([
        { version: '20260101T000000Z', recorded: false },
        { version: '20260102T000000Z', recorded: true },
      ]);
      expect(await rollback(db, dir, folders)).toMatchObject({ status: 'rolled-back', migration: '20260102T000000Z_new', downRecorded: true });
      expect(await rollback(db, dir, folders)).toMatchObject({ status: 'rolled-back', migration: '20260101T000000Z_old', downRecorded: false });
    }));
});

describe('what a planned down.sql may lose, from plan.json alone', () => {
  const folderOf = (from: Model, to: Model): MigrationFolder => {
    const plan = planChanges(diff(from, to), { from, to });
    const { files, plan: planJson } = renderMigrationFiles(plan, { version: '20260101T000000Z', name: 'm', fromHash: 'a', toHash: 'b' });
    return { version: '20260101T000000Z', name: 'm', dir: '/nowhere', files, plan: planJson };
  };
  const t = (code: ReturnType<typeof varchar> | ReturnType<typeof integer> | ReturnType<typeof bigint>) =>
    model({ items: table('items', { id: integer().primaryKey(), code }) });

  it('a type change undone by a cast back may lose values; an online one only drops its shadow copy', () => {
    // varchar(10) → varchar(20) is altered in place; down.sql casts back to varchar(10), cutting longer values.
    expect(downEffects(folderOf(t(varchar(10)), t(varchar(20))))).toEqual([{ kind: 'retype-column', target: { schema: 'public', name: 'items', column: 'code', fields: ['type'] } }]);
    // integer → bigint is planned online (a shadow column filled in batches); down.sql drops the copy.
    const online = folderOf(t(integer()), t(bigint()));
    expect(online.plan?.steps.some((s) => s.batch !== null)).toBe(true);
    expect(downEffects(online)).toEqual([]);
  });

  it('creates and added columns come back as drops; a down.sql of comments loses nothing', () => {
    const created = folderOf(emptyModel(), model(V2()));
    expect(downEffects(created)).toEqual([
      { kind: 'drop-sequence', target: { schema: 'public', name: 'counter' } },
      { kind: 'drop-table', target: { schema: 'public', name: 'posts' } },
      { kind: 'drop-table', target: { schema: 'public', name: 'users' } },
    ]);
    expect(downEffects({ ...created, files: { ...created.files, down: '-- nothing\n' } })).toEqual([]);
    expect(downEffects({ ...created, plan: null })).toEqual([{ kind: 'unknown', why: 'it was not planned by pgtide (the folder has no plan.json), so pgtide cannot tell what it removes' }]);
  });

  it('finds a table by its raw name, whatever characters it holds', () => {
    // A name that needs quoting once looked up by its printed summary would read as "not there",
    // and its rows would be dropped without approval.
    const hostile = 'My "Odd" Table.v2';
    const folder = folderOf(emptyModel(), model({ odd: table(hostile, { id: integer() }) }));
    expect(downEffects(folder)).toEqual([{ kind: 'drop-table', target: { schema: 'public', name: hostile } }]);
  });
});
