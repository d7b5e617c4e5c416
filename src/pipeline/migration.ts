import type { Change, RenameSuggestion } from '../diff/change.js';
import { diff, type DiffOptions } from '../diff/index.js';
import type { NewMigration } from '../migrations/index.js';
import { renderMigrationFiles } from '../migrations/render-files.js';
import { hashModel, type Model } from '../model/index.js';
import { gatePlan, type HazardApproval } from '../plan/gate.js';
import { planChanges, type Plan, type PlanOptions, type Step } from '../plan/index.js';
import { renderScript } from '../sql/index.js';

/**
 * The migration between two models, in one place: diff → plan → hazard gate → render. Every command,
 * the normalisation of a declared schema, pull, baseline and the round-trip tests go through
 * `migrationBetween`, so they cannot drift apart in how a migration is made.
 */

export interface MigrationOptions {
  readonly diff?: Partial<DiffOptions>;
  /** The planner's options (the project's timeouts and batch size); defaults otherwise. */
  readonly plan?: Partial<PlanOptions>;
  /** What the hazard gate lets through. */
  readonly allowHazards: HazardApproval;
}

/** A one-shot script of the steps the gate lets through (what `diff` and `plan` print). */
export interface ScriptRender {
  readonly as: 'script';
  /** false: no `-- phase:` line before each phase (SQL for a schema file). Default true. */
  readonly phaseHeaders?: boolean;
}

/**
 * The files of one migration folder. A folder is all or nothing: it is rendered only when the gate
 * holds no step back, so a caller that refuses blocked steps never renders them first.
 */
export interface FilesRender {
  readonly as: 'files';
  readonly version: string;
  /** The folder's name, or how to name it from the plan (generate names it after its first change). */
  readonly name: string | ((plan: Plan) => string);
}

export interface Migration {
  /** The diff's changes: none means the models are the same. */
  readonly changes: readonly Change[];
  readonly suggestions: readonly RenameSuggestion[];
  readonly plan: Plan;
  /** Steps the hazard gate holds back, in plan order. */
  readonly blocked: readonly Step[];
}

export interface ScriptMigration extends Migration {
  /** Every phase of the steps the gate lets through; blocked steps are left out. */
  readonly script: string;
}

export interface FilesMigration extends Migration {
  /** The migration folder's contents; null when the gate holds a step back. */
  readonly migration: NewMigration | null;
}

export function migrationBetween(current: Model, desired: Model, opts: MigrationOptions & { readonly render: ScriptRender }): ScriptMigration;
export function migrationBetween(current: Model, desired: Model, opts: MigrationOptions & { readonly render: FilesRender }): FilesMigration;
export function migrationBetween(current: Model, desired: Model, opts: MigrationOptions & { readonly render?: undefined }): Migration;
export function migrationBetween(
  current: Model,
  desired: Model,
  opts: MigrationOptions & { readonly render?: ScriptRender | FilesRender },
): Migration | ScriptMigration | FilesMigration {
  const result = diff(current, desired, opts.diff);
  const plan = planChanges(result, { from: current, to: desired }, opts.plan);
  const gated = gatePlan(plan, opts.allowHazards);
  const base: Migration = { changes: result.changes, suggestions: result.suggestions, plan, blocked: gated.blocked };
  const render = opts.render;
  if (render === undefined) return base;
  switch (render.as) {
    case 'script':
      return { ...base, script: renderScript(gated.allowed, { phaseHeaders: render.phaseHeaders ?? true }) };
    case 'files': {
      if (gated.blocked.length > 0) return { ...base, migration: null };
      const name = typeof render.name === 'string' ? render.name : render.name(plan);
      const header = { version: render.version, name, fromHash: hashModel(current), toHash: hashModel(desired) };
      const rendered = renderMigrationFiles(plan, header);
      return { ...base, migration: { version: render.version, name, files: rendered.files, plan: rendered.plan } };
    }
    default: {
      const never: never = render;
      throw new Error(`unknown render ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The gate and the script for a plan made already (tests that build a plan by hand): the script of
 * the steps the approval lets through, and the steps it holds back.
 */
export function gatedScript(plan: Plan, opts: { readonly allowHazards: HazardApproval; readonly phaseHeaders?: boolean }): { sql: string; blocked: readonly Step[] } {
  const gated = gatePlan(plan, opts.allowHazards);
  return { sql: renderScript(gated.allowed, { phaseHeaders: opts.phaseHeaders ?? true }), blocked: gated.blocked };
}
