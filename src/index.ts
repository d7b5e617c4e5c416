/**
 * The public library API: the schema DSL and config for users' schema files, and the programmatic
 * pipeline (plan, generate, check, verify, diff) for tools built on pgtide.
 */
export * from './dsl/index.js';
export type * from './model/types.js';
export { PgtideError, ExitCode } from './errors.js';
export { loadProject, type Project } from './api/project.js';
export { planProject, type PlanOptions, type ProjectPlan } from './api/plan-project.js';
export { generateMigration, type GenerateOptions, type GenerateResult } from './api/generate.js';
export { checkProject, type CheckOptions } from './api/check.js';
export { verifyProject, type VerifyReport, type VerifyProblem } from './api/verify.js';
export { diffDatabases, diffModels, type ModelDiff } from './api/diff-databases.js';
export { loadSourceModel, parseSource, type Source } from './api/sources.js';
