import { introspect } from '../introspect/index.js';
import type { Model } from '../model/index.js';
import { redactUrl } from '../db/url.js';
import { openSource } from '../db/pglite.js';
import { diffModels, type ModelDiff } from './diff-databases.js';
import { loadDesired } from './desired.js';
import { projectPlanOptions } from './plan-options.js';
import { assertIntact, readHistory, replayedModel } from './history.js';
import { parseSource, loadSourceModel } from './sources.js';
import { resolveDatabase, resolveLocalSource, type Project } from './project.js';

export interface PlanOptions {
  /** 'migrations', or any source; default: the project's database. */
  readonly from?: string;
  readonly database?: string;
  readonly allowHazards?: boolean;
}

export interface ProjectPlan {
  /** What the plan starts from, safe to print. */
  readonly fromLabel: string;
  readonly from: Model;
  readonly to: Model;
  readonly result: ModelDiff;
}

export async function planProject(project: Project, opts: PlanOptions = {}): Promise<ProjectPlan> {
  const [current, desired] = await Promise.all([loadCurrent(project, opts), loadDesired(project)]);
  return {
    fromLabel: current.label,
    from: current.model,
    to: desired,
    result: diffModels(current.model, desired, { allowHazards: opts.allowHazards ?? false, plan: projectPlanOptions(project.config) }),
  };
}

async function loadCurrent(project: Project, opts: PlanOptions): Promise<{ label: string; model: Model }> {
  const schemas = project.config.schemas;
  const ignore = project.config.ignore;
  if (opts.from === 'migrations') {
    const history = await readHistory(project);
    assertIntact(project, history);
    return { label: `migrations in ${project.migrationsDir}`, model: await replayedModel(project, history) };
  }
  if (opts.from) {
    const spec = resolveLocalSource(opts.from, process.cwd());
    return { label: redactUrl(spec), model: await loadSourceModel(parseSource(spec), { schemas }) };
  }
  const spec = resolveDatabase(project, opts.database);
  const db = await openSource(spec, { readOnly: true });
  try {
    return { label: redactUrl(spec), model: await introspect(db, { schemas, ignore }) };
  } finally {
    await db.close();
  }
}
