import { diff } from '../diff/index.js';
import type { DiffResult } from '../diff/change.js';
import { loadDesiredSchema } from './desired.js';
import { assertSchemaDeclaresSomething } from './empty-schema.js';
import { assertIntact, readHistory, replayedModel } from './history.js';
import { projectDiffOptions } from './plan-options.js';
import type { Project } from './project.js';

/** The desired schema against what the migrations produce: changes not generated yet. */
export interface CheckOptions {
  /** Compare schema files that declare nothing with migrations that create objects. */
  readonly allowEmptySchema?: boolean;
}

export async function checkProject(project: Project, opts: CheckOptions = {}): Promise<DiffResult> {
  const history = await readHistory(project);
  assertIntact(project, history);
  const [replayed, desired] = await Promise.all([replayedModel(project, history), loadDesiredSchema(project)]);
  assertSchemaDeclaresSomething(project, desired, { label: `the migrations in ${project.migrationsDir}`, model: replayed }, opts.allowEmptySchema);
  return diff(replayed, desired.model, projectDiffOptions(project.config));
}
