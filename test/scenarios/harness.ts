import { describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/db/postgres.js';
import type { Queryable } from '../../src/db/queryable.js';
import { scratchPglite } from '../../src/db/pglite.js';
import { describeChange } from '../../src/diff/describe-change.js';
import { diff } from '../../src/diff/index.js';
import { compile } from '../../src/dsl/index.js';
import { introspect } from '../../src/introspect/index.js';
import type { MigrationFolder } from '../../src/migrations/index.js';
import type { Model } from '../../src/model/index.js';
import { migrationBetween } from '../../src/pipeline/migration.js';
import type { Plan } from '../../src/plan/index.js';
import { modelExtensions, normalizeModel } from '../../src/verify/normalize.js';
import { runMigrationFile, REPLAY_PHASES } from '../../src/verify/replay.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';

/** What a query returns after a version is applied, to prove that data survived a migration. */
export interface RowCheck {
  readonly sql: string;
  readonly rows: readonly Record<string, unknown>[];
}

export interface ScenarioVersion {
  /**
   * The schema module's exports. A function, because DSL builders are mutable declarations: each
   * call must build fresh objects, as a freshly imported module would.
   */
  readonly schema: () => Record<string, unknown>;
  /** SQL run once this version is applied, so that the next migration meets populated tables. */
  readonly rows?: string;
  /** Checked right after this version's migration (before `rows` runs). */
  readonly check?: RowCheck;
  /** Patterns the migration's SQL must contain (e.g. a RENAME rather than a drop and add). */
  readonly sqlHas?: readonly RegExp[];
  /** Patterns the migration's SQL must not contain. */
  readonly sqlLacks?: readonly RegExp[];
}

export interface Scenario {
  readonly name: string;
  readonly versions: readonly ScenarioVersion[];
}

/** One version once planned: the normalized desired model and the migration folder it produced. */
export interface BuiltVersion {
  readonly desired: Model;
  readonly folder: MigrationFolder;
  readonly sql: string;
  readonly plan: Plan;
}

const VERSION_BASE = Date.UTC(2026, 0, 1, 0, 0, 0);

export function versionId(i: number): string {
  return new Date(VERSION_BASE + i * 60_000).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

async function desiredModel(scenario: Scenario, index: number): Promise<Model> {
  const version = scenario.versions[index]!;
  const declared = compile([{ file: `scenario/${scenario.name}/v${index}.ts`, exports: version.schema() }]).model;
  return normalizeModel(declared);
}

/** A new in-memory PGlite that can create every extension the scenario's models use. */
function freshPglite(extensions: readonly string[]): Promise<Queryable> {
  return scratchPglite({ extensions });
}

let emptyDatabase: Promise<Model> | null = null;

/** What a new database holds (schema public): the same for every scenario, so read once. */
function introspectFresh(): Promise<Model> {
  emptyDatabase ??= (async () => {
    const db = await freshPglite([]);
    try {
      return await introspect(db);
    } finally {
      await db.close();
    }
  })();
  return emptyDatabase;
}

export async function applyFolder(db: Queryable, folder: MigrationFolder): Promise<void> {
  for (const phase of REPLAY_PHASES) {
    const sql = folder.files[phase];
    if (sql) await runMigrationFile(db, sql, `${folder.dir}/${phase}.sql`);
  }
}

export function differences(from: Model, to: Model): string[] {
  return diff(from, to).changes.map(describeChange);
}

export function replanSteps(from: Model, to: Model): string[] {
  return migrationBetween(from, to, { allowHazards: true }).plan.steps.map((s) => describeChange(s.source));
}

async function expectRows(db: Queryable, check: RowCheck | undefined, where: string): Promise<void> {
  if (!check) return;
  const { rows } = await db.query(check.sql);
  expect(rows, `${where}: ${check.sql}`).toEqual(check.rows);
}

/** Asserts that a database holds exactly the desired schema and that planning again is empty. */
export async function expectAtDesired(db: Queryable, desired: Model, where: string): Promise<void> {
  const actual = await introspect(db);
  expect(differences(actual, desired), `${where}: differences after applying the migrations`).toEqual([]);
  expect(replanSteps(actual, desired), `${where}: a second plan must be empty (fixpoint)`).toEqual([]);
}

function checkSql(version: ScenarioVersion, sql: string, where: string): void {
  for (const re of version.sqlHas ?? []) expect(sql, `${where}: migration should match ${re}`).toMatch(re);
  for (const re of version.sqlLacks ?? []) expect(sql, `${where}: migration should not match ${re}`).not.toMatch(re);
}

/**
 * Runs a scenario on PGlite. For each version: normalize the declared schema, plan from the state
 * the history so far produces (hazards approved: the gate is tested elsewhere), render the
 * migration files, then replay every migration so far in a fresh PGlite — with the scenario's rows
 * inserted between versions — and require the desired schema and an empty second plan.
 */
export async function buildScenario(scenario: Scenario): Promise<BuiltVersion[]> {
  const built: BuiltVersion[] = [];
  const extensions = new Set<string>();
  // An empty history still has what a new database has (schema public), as when generate starts.
  let previous: Model = await introspectFresh();
  for (let i = 0; i < scenario.versions.length; i++) {
    const version = scenario.versions[i]!;
    const where = `${scenario.name} v${i}`;
    const desired = await desiredModel(scenario, i);
    for (const ext of modelExtensions(desired)) extensions.add(ext);
    const { plan, migration } = migrationBetween(previous, desired, { allowHazards: true, render: { as: 'files', version: versionId(i), name: `v${i}` } });
    expect(plan.steps.length, `${where}: the version must change something`).toBeGreaterThan(0);
    if (migration === null) throw new Error(`${where}: the gate held back a step although every hazard is approved`);
    const folder: MigrationFolder = { version: versionId(i), name: `v${i}`, dir: `${scenario.name}/v${i}`, files: migration.files, plan: migration.plan };
    const sql = REPLAY_PHASES.map((p) => migration.files[p] ?? '').join('\n');
    checkSql(version, sql, where);
    built.push({ desired, folder, sql, plan });

    const db = await freshPglite([...extensions]);
    try {
      for (let j = 0; j <= i; j++) {
        await applyFolder(db, built[j]!.folder);
        if (j === i) await expectRows(db, version.check, where);
        const rows = scenario.versions[j]!.rows;
        if (rows && j < i) await db.exec(rows);
      }
      await expectAtDesired(db, desired, `${where} (PGlite)`);
      previous = await introspect(db);
    } catch (err) {
      throw annotate(err, where, sql);
    } finally {
      await db.close();
    }
  }
  return built;
}

/** Applies the same migration files, with the same rows between versions, to a real server. */
export async function applyOnServer(scenario: Scenario, built: readonly BuiltVersion[]): Promise<void> {
  await withTestDatabase(async (tdb) => {
    const db = await connectPostgres(tdb.url);
    try {
      for (let i = 0; i < built.length; i++) {
        const where = `${scenario.name} v${i}`;
        const b = built[i]!;
        try {
          await applyFolder(db, b.folder);
        } catch (err) {
          throw annotate(err, `${where} (PostgreSQL)`, b.sql);
        }
        await expectRows(db, scenario.versions[i]!.check, `${where} (PostgreSQL)`);
        await expectAtDesired(db, b.desired, `${where} (PostgreSQL)`);
        const rows = scenario.versions[i]!.rows;
        if (rows) await db.exec(rows);
      }
    } finally {
      await db.close();
    }
  }, 'pgtide_scn');
}

function annotate(err: unknown, where: string, sql: string): unknown {
  if (err instanceof Error && !err.message.includes('--- migration ---')) {
    err.message = `${where}: ${err.message}\n--- migration ---\n${sql}`;
  }
  return err;
}

/**
 * Registers one PGlite test and one real-server test per scenario. The server test reuses the
 * files the PGlite test built (tests in a file run in order), or builds them itself when run alone.
 */
export function runScenarios(area: string, scenarios: readonly Scenario[]): void {
  const names = new Set<string>();
  for (const s of scenarios) {
    if (names.has(s.name)) throw new Error(`duplicate scenario name ${s.name}`);
    if (s.versions.length < 2) throw new Error(`scenario ${s.name} needs at least two versions`);
    names.add(s.name);
  }
  const built = new Map<string, BuiltVersion[]>();
  describe(`scenarios: ${area}`, () => {
    for (const s of scenarios) {
      it(`${s.name} [PGlite]`, async () => {
        built.set(s.name, await buildScenario(s));
      });
      it.skipIf(skipWithoutServer())(`${s.name} [PostgreSQL]`, async () => {
        const files = built.get(s.name) ?? (await buildScenario(s));
        await applyOnServer(s, files);
      });
    }
  });
}
