import type { Queryable } from '../db/queryable.js';
import { diff, type DiffOptions } from '../diff/index.js';
import { introspect } from '../introspect/index.js';
import type { Model } from '../model/index.js';
import { planChanges, type HazardKind, type Plan, type PlanOptions, type Step } from '../plan/index.js';
import { renderScript, renderStep } from '../sql/index.js';

export interface ModelDiff {
  readonly plan: Plan;
  readonly script: string;
  readonly changeCount: number;
  /** The SQL of steps held back by the hazard gate. */
  readonly blocked: string[];
  /** The same held-back steps, for callers that report their changes and hazards. */
  readonly blockedSteps: readonly Step[];
}

/** Plans and renders the migration between two models (pure). */
export function diffModels(
  from: Model,
  to: Model,
  opts: { allowHazards: boolean | readonly HazardKind[]; plan?: Partial<PlanOptions>; diff?: Partial<DiffOptions> },
): ModelDiff {
  const result = diff(from, to, opts.diff);
  const plan = planChanges(result, { from, to }, opts.plan);
  const rendered = renderScript(plan, { allowHazards: opts.allowHazards });
  return {
    plan,
    script: rendered.sql,
    changeCount: result.changes.length,
    blocked: rendered.blocked.map((s) => renderStep(s)),
    blockedSteps: rendered.blocked,
  };
}

/** The migration script that turns database `from` into database `to`. */
export async function diffDatabases(
  from: Queryable, to: Queryable, opts: { allowHazards: boolean; diff?: Partial<DiffOptions> },
): Promise<ModelDiff> {
  const [a, b] = await Promise.all([introspect(from), introspect(to)]);
  return diffModels(a, b, opts);
}
