import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { describeChange } from '../../src/diff/describe-change.js';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import { renderMigrationFiles } from '../../src/migrations/render-files.js';
import { hashModel, type Model } from '../../src/model/index.js';
import { planChanges, type Plan } from '../../src/plan/index.js';
import { REPLAY_PHASES, runMigrationFile } from '../../src/verify/replay.js';
import { expectBefore } from '../helpers/expect-before.js';

type Phase = (typeof REPLAY_PHASES)[number];

function files(from: Model, to: Model): { plan: Plan; files: Partial<Record<Phase, string>> } {
  const plan = planChanges(diff(from, to), { from, to });
  const header = { version: '20260101T000000Z', name: 'm', fromHash: hashModel(from), toHash: hashModel(to) };
  return { plan, files: renderMigrationFiles(plan, header).files };
}

async function run(db: Queryable, f: Partial<Record<Phase, string>>, phases: readonly Phase[]): Promise<void> {
  for (const phase of phases) {
    const text = f[phase];
    if (text) await runMigrationFile(db, text, `${phase}.sql`);
  }
}

/**
 * A database whose migration ran only its expand phase holds the online strategy's shadow column,
 * sync trigger and function. A plan from there must finish the job, not create them again.
 */
describe('a plan from a database between expand and contract', () => {
  let db: Queryable;
  let scratch: Queryable;
  beforeAll(async () => {
    [db, scratch] = await Promise.all([scratchPglite(), scratchPglite()]);
  });
  afterAll(async () => {
    await Promise.all([db.close(), scratch.close()]);
  });

  const desiredOf = async (ddl: string): Promise<Model> => {
    await scratch.exec(`DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; ${ddl}`);
    return introspect(scratch);
  };

  it('takes over an online retype’s shadow column, trigger and function, and reaches the schema', async () => {
    await db.exec(`DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;
      CREATE TABLE t (id int PRIMARY KEY, n int, note text);
      INSERT INTO t SELECT g, g * 10, 'x' FROM generate_series(1, 50) g;`);
    const desired = await desiredOf('CREATE TABLE t (id int PRIMARY KEY, n bigint, note text);');
    await run(db, files(await introspect(db), desired).files, ['expand']);
    // Written between the phases: the trigger fills the shadow column of this row.
    await db.exec("INSERT INTO t VALUES (51, 510, 'y')");

    const mid = await introspect(db);
    const again = files(mid, desired);
    const sql = REPLAY_PHASES.map((p) => again.files[p] ?? '').join('\n');
    expect(sql).not.toMatch(/CREATE FUNCTION/);
    expect(sql).not.toMatch(/ADD COLUMN n__pgtide_new/);
    expect(sql).not.toMatch(/CREATE TRIGGER/);
    expect(sql).toMatch(/CREATE OR REPLACE FUNCTION public\.t_n__pgtide_new__pgtide_sync\(\)/);
    expect(again.plan.steps.map((s) => `${s.phase} ${s.op.kind}`)).toEqual([
      'expand create-sync-trigger', 'migrate backfill-copy', 'contract drop-sync-trigger', 'contract drop-column', 'contract rename-column',
    ]);
    expect(again.plan.steps[0]!.lock).toBe('none');

    await run(db, again.files, REPLAY_PHASES);
    const after = await introspect(db);
    expect(diff(after, desired).changes.map(describeChange)).toEqual([]);
    const { rows } = await db.query<{ n: string; total: string }>('SELECT count(*) AS n, sum(n) AS total FROM t WHERE n = id * 10');
    expect(rows[0]).toEqual({ n: '51', total: String((51 * 52 / 2) * 10) });
  });

  it('drops a shadow column of another type in expand, before adding it again', async () => {
    await db.exec(`DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;
      CREATE TABLE t (id int PRIMARY KEY, n int);
      INSERT INTO t SELECT g, g FROM generate_series(1, 20) g;`);
    await run(db, files(await introspect(db), await desiredOf('CREATE TABLE t (id int PRIMARY KEY, n bigint);')).files, ['expand']);
    // The schema changed its mind before contract: numeric, not bigint.
    const desired = await desiredOf('CREATE TABLE t (id int PRIMARY KEY, n numeric);');
    const again = files(await introspect(db), desired);
    const kinds = again.plan.steps.map((s) => `${s.phase} ${s.op.kind}`);
    expect(kinds.indexOf('expand drop-column')).toBeGreaterThanOrEqual(0);
    expectBefore(kinds, 'expand drop-column', 'expand add-column');
    await run(db, again.files, REPLAY_PHASES);
    expect(diff(await introspect(db), desired).changes.map(describeChange)).toEqual([]);
  });
});
