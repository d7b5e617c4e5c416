import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Engine, Queryable } from '../../src/db/queryable.js';
import { describeChange } from '../../src/diff/describe-change.js';
import { diff } from '../../src/diff/index.js';
import { compile } from '../../src/dsl/index.js';
import { introspect } from '../../src/introspect/index.js';
import { migrationBetween } from '../../src/pipeline/migration.js';
import type { Plan, PlanOptions } from '../../src/plan/index.js';
import { normalizeModel } from '../../src/verify/normalize.js';
import { REPLAY_PHASES, runMigrationFile } from '../../src/verify/replay.js';
import { ENGINES, type FreshDatabase } from '../helpers/engines.js';

/** Every strategy is shown on a table that holds at least this many rows. */
export const ROWS = 10_000;

type Phase = (typeof REPLAY_PHASES)[number];

export interface StrategyCase {
  readonly name: string;
  /** The current schema and its rows (plain SQL, run in schema public). */
  readonly before: string;
  /** Runs after `before`, for states plain SQL scripts cannot set up (a failed concurrent build). */
  readonly prepare?: (db: Queryable) => Promise<void>;
  /** The desired schema's exports (a function: DSL builders are mutable declarations). */
  readonly schema: () => Record<string, unknown>;
  readonly options?: Partial<PlanOptions>;
  /** Checks on the plan itself (strategy shape, hazards) before anything runs, on the engine it runs on. */
  readonly plan?: (plan: Plan, sql: string, engine: Engine) => void;
  /** Run after each phase: what the old application (before contract) or new one (after migrate) needs. */
  readonly after?: Partial<Record<Phase, (db: Queryable) => Promise<void>>>;
}

async function resetPublic(db: Queryable): Promise<void> {
  await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
}

/**
 * Plans the case from the live database to the normalized desired schema, runs the rendered
 * expand, migrate and contract files one after the other (with the case's checks between them),
 * and requires the database to end at the desired schema with an empty second plan.
 */
export async function runCase(db: Queryable, scratch: Queryable, c: StrategyCase): Promise<Plan> {
  await resetPublic(db);
  await db.exec(c.before);
  await c.prepare?.(db);
  const from = await introspect(db);
  await resetPublic(scratch);
  const declared = compile([{ file: `online/${c.name}.ts`, exports: c.schema() }]).model;
  const desired = await normalizeModel(declared, scratch);
  const { plan, migration } = migrationBetween(from, desired, {
    plan: c.options, allowHazards: true, render: { as: 'files', version: '20260101T000000Z', name: 'case' },
  });
  if (migration === null) throw new Error(`${c.name}: the gate held back a step although every hazard is approved`);
  const { files } = migration;
  const sql = REPLAY_PHASES.map((p) => files[p] ?? '').join('\n');
  c.plan?.(plan, sql, db.engine);
  for (const phase of REPLAY_PHASES) {
    const text = files[phase];
    try {
      if (text) await runMigrationFile(db, text, `${c.name}/${phase}.sql`);
      await c.after?.[phase]?.(db);
    } catch (err) {
      if (err instanceof Error) err.message = `${c.name} (${db.engine}) ${phase}: ${err.message}\n--- migration ---\n${sql}`;
      throw err;
    }
  }
  const actual = await introspect(db);
  expect(diff(actual, desired).changes.map(describeChange), `${c.name}: differences after contract`).toEqual([]);
  expect(migrationBetween(actual, desired, { allowHazards: true }).plan.steps, `${c.name}: second plan`).toEqual([]);
  return plan;
}

/** One count query, as a number. */
export async function count(db: Queryable, sql: string): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(sql);
  return Number(rows[0]!.n);
}

/**
 * Registers each case on a shared PGlite (PostgreSQL 18) and on a shared database of the real
 * server (PostgreSQL 15 in CI); schema public is reset before each case.
 */
export function strategyTests(area: string, cases: readonly StrategyCase[]): void {
  for (const engine of ENGINES) {
    describe.skipIf(engine.skip)(`online strategies: ${area} [${engine.title}]`, () => {
      let fresh: FreshDatabase;
      let scratch: Queryable;
      beforeAll(async () => {
        fresh = await engine.open({ prefix: 'pgtide_online' });
        scratch = await scratchPglite();
      });
      afterAll(async () => {
        await fresh?.dispose();
        await scratch?.close();
      });
      for (const c of cases) it(c.name, async () => { await runCase(fresh.db, scratch, c); }, 120_000);
    });
  }
}
