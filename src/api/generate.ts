import { diff } from '../diff/index.js';
import { describeChange } from '../diff/describe-change.js';
import { runtimeError } from '../errors.js';
import { introspect, introspectAll } from '../introspect/index.js';
import { newVersion, slugify, writeMigration, writeSum, readMigrations } from '../migrations/index.js';
import type { Plan } from '../plan/index.js';
import { migrationBetween } from '../pipeline/migration.js';
import { modelExtensions } from '../verify/normalize.js';
import { runMigrationFile, REPLAY_PHASES } from '../verify/replay.js';
import { loadDesiredSchema } from './desired.js';
import { assertSchemaDeclaresSomething } from './empty-schema.js';
import { hazardGateError, type HazardApproval } from './hazard-gate.js';
import { assertIntact, projectCache, readHistory, replayHistory } from './history.js';
import { projectDiffOptions, projectPlanOptions, withConfigApproval } from './plan-options.js';
import type { Project } from './project.js';
import { unmanagedNotes } from './unmanaged.js';

export interface GenerateOptions {
  readonly name?: string;
  readonly allowHazards: HazardApproval;
  readonly now?: Date;
  /** Generate from schema files that declare nothing although the migrations create objects. */
  readonly allowEmptySchema?: boolean;
}

/** `unmanaged`: one line per object pgtide does not manage in the history or the schema files. */
export type GenerateResult =
  | { readonly status: 'unchanged'; readonly unmanaged: readonly string[] }
  | { readonly status: 'written'; readonly dir: string; readonly version: string; readonly plan: Plan; readonly unmanaged: readonly string[] };

/**
 * Writes the next migration folder. The new files are proven before they are written: they are run
 * on a PGlite that holds the replayed history, and the result must equal the desired schema.
 */
export async function generateMigration(project: Project, opts: GenerateOptions): Promise<GenerateResult> {
  const history = await readHistory(project);
  assertIntact(project, history);
  // The desired schema first: the extensions it declares are created by the new migration, on a
  // PGlite that must have their bundles from the start.
  const loaded = await loadDesiredSchema(project);
  const db = await replayHistory(history.folders, projectCache(project, history.folders, modelExtensions(loaded.model)));
  try {
    const schemas = project.config.schemas;
    const ignore = project.config.ignore;
    const { model: current, unmanaged: leftInHistory } = await introspectAll(db, { schemas, ignore });
    // Named whatever the outcome: a schema file's aggregate, say, is in no migration this writes.
    const unmanaged = unmanagedNotes([
      { label: `the migrations in ${project.migrationsDir}`, objects: leftInHistory },
      { label: `the schema in ${project.configPath}`, objects: loaded.unmanaged },
    ], 'generated');
    assertSchemaDeclaresSomething(project, loaded, { label: `the migrations in ${project.migrationsDir}`, model: current }, opts.allowEmptySchema);
    const desired = loaded.model;
    const approval = withConfigApproval(opts.allowHazards, project.config);
    const version = newVersion(opts.now ?? new Date(), history.folders.map((f) => f.version));
    const made = migrationBetween(current, desired, {
      diff: projectDiffOptions(project.config),
      plan: projectPlanOptions(project.config),
      allowHazards: approval,
      render: { as: 'files', version, name: (plan) => slugify(opts.name ?? defaultName(plan)) },
    });
    if (made.changes.length === 0) return { status: 'unchanged', unmanaged };
    if (made.migration === null) throw hazardGateError(made.blocked, approval);
    const { plan, migration } = made;
    const { name, files } = migration;
    for (const phase of REPLAY_PHASES) {
      const sql = files[phase];
      if (sql) await runMigrationFile(db, sql, `${version}_${name}/${phase}.sql (not written)`);
    }
    const left = diff(await introspect(db, { schemas, ignore }), desired, projectDiffOptions(project.config)).changes;
    if (left.length > 0) {
      throw runtimeError(
        `The generated migration does not reach the desired schema; nothing was written. Still different after replay: ${left.map(describeChange).join('; ')}. This is a pgtide bug: please report it with your schema.`,
      );
    }
    const dir = await writeMigration(project.migrationsDir, migration);
    await writeSum(project.migrationsDir, await readMigrations(project.migrationsDir));
    return { status: 'written', dir, version, plan, unmanaged };
  } finally {
    await db.close();
  }
}

function defaultName(plan: Plan): string {
  const first = plan.steps[0];
  if (!first) return 'migration';
  const summary = describeChange(first.source);
  return plan.steps.length === 1 ? summary : `${summary} and more`;
}
