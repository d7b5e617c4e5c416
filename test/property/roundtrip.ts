import type { Queryable } from '../../src/db/queryable.js';
import { scratchPglite } from '../../src/db/pglite.js';
import { diff } from '../../src/diff/index.js';
import { compile } from '../../src/dsl/index.js';
import { introspect } from '../../src/introspect/index.js';
import { renderMigrationFiles } from '../../src/migrations/render-files.js';
import { hashModel, type Model } from '../../src/model/index.js';
import { planChanges } from '../../src/plan/index.js';
import { normalizeModel } from '../../src/verify/normalize.js';
import { REPLAY_PHASES } from '../../src/verify/replay.js';
import { applyFolder, differences, replanSteps, versionId } from '../scenarios/harness.js';
import { buildExports } from './build.js';
import type { SchemaSpec } from './spec.js';

/**
 * The property: for any two schemas A and B, creating A, then planning and applying A → B, leaves
 * a database whose introspection equals B, and planning again is empty. Each case reuses the same
 * two PGlite instances (one to normalize the declared schemas, one as the target), emptied between
 * uses: starting a PGlite per case would dominate the run time.
 */
export interface Engines {
  readonly scratch: Queryable;
  readonly target: Queryable;
}

const RESET = `
DROP SCHEMA IF EXISTS sales CASCADE;
DROP SCHEMA public CASCADE;
CREATE SCHEMA public;
ALTER SCHEMA public OWNER TO pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
COMMENT ON SCHEMA public IS 'standard public schema';
`;

export async function openEngines(): Promise<Engines> {
  const [scratch, target] = await Promise.all([scratchPglite(), scratchPglite()]);
  return { scratch, target };
}

export async function closeEngines(e: Engines): Promise<void> {
  await Promise.all([e.scratch.close(), e.target.close()]);
}

export async function resetDatabase(db: Queryable): Promise<void> {
  await db.exec(RESET);
}

/** The declared schema in the form the server prints it, as `generate` sees it. */
export async function desired(db: Queryable, spec: SchemaSpec, label: string, from?: SchemaSpec): Promise<Model> {
  await resetDatabase(db);
  const declared = compile([{ file: `property/${label}.ts`, exports: buildExports(spec, from) }]).model;
  return normalizeModel(declared, db);
}

/** Plans `from → to`, renders the migration folder as `generate` would and runs its phases. */
async function migrate(db: Queryable, from: Model, to: Model, step: number): Promise<string> {
  const plan = planChanges(diff(from, to), { from, to });
  if (plan.steps.length === 0) return '';
  const version = versionId(step);
  const rendered = renderMigrationFiles(plan, { version, name: `step${step}`, fromHash: hashModel(from), toHash: hashModel(to) });
  const sql = REPLAY_PHASES.map((p) => rendered.files[p] ?? '').join('\n');
  try {
    await applyFolder(db, { version, name: `step${step}`, dir: `property/step${step}`, files: rendered.files, plan: rendered.plan });
  } catch (err) {
    throw withSql(err, sql);
  }
  return sql;
}

function withSql(err: unknown, sql: string): unknown {
  if (err instanceof Error) err.message = `${err.message}\n--- migration ---\n${sql}`;
  return err;
}

/** Like the harness's check, but the message lists the differences (fast-check prints only the message). */
async function expectAtDesired(db: Queryable, want: Model, where: string): Promise<Model> {
  const actual = await introspect(db);
  const diffs = differences(actual, want);
  const replan = replanSteps(actual, want);
  if (diffs.length > 0 || replan.length > 0) {
    throw new Error(`${where}: the database differs from the desired schema: ${JSON.stringify(diffs)}; second plan: ${JSON.stringify(replan)}`);
  }
  return actual;
}

export async function roundTrip(e: Engines, [specA, specB]: readonly [SchemaSpec, SchemaSpec]): Promise<void> {
  const a = await desired(e.scratch, specA, 'a');
  const b = await desired(e.scratch, specB, 'b', specA);
  await resetDatabase(e.target);
  await migrate(e.target, await introspect(e.target), a, 0);
  const atA = await expectAtDesired(e.target, a, 'A');
  const sql = await migrate(e.target, atA, b, 1);
  try {
    await expectAtDesired(e.target, b, 'A → B');
  } catch (err) {
    throw withSql(err, sql);
  }
}
