import type { Queryable } from '../db/queryable.js';
import type { DiffOptions } from '../diff/index.js';
import { introspect } from '../introspect/index.js';
import type { Model } from '../model/index.js';
import type { HazardApproval } from '../plan/gate.js';
import type { Plan, PlanOptions, Step } from '../plan/index.js';
import { migrationBetween } from '../pipeline/migration.js';
import { renderStep } from '../sql/index.js';

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
  opts: { allowHazards: HazardApproval; plan?: Partial<PlanOptions>; diff?: Partial<DiffOptions> },
): ModelDiff {
  const m = migrationBetween(from, to, { ...opts, render: { as: 'script' } });
  return {
    plan: m.plan,
    script: m.script,
    changeCount: m.changes.length,
    blocked: m.blocked.map((s) => renderStep(s)),
    blockedSteps: m.blocked,
  };
}

/** The migration script that turns database `from` into database `to`. */
export async function diffDatabases(
  from: Queryable, to: Queryable, opts: { allowHazards: boolean; diff?: Partial<DiffOptions> },
): Promise<ModelDiff> {
  const [a, b] = await Promise.all([introspect(from), introspect(to)]);
  return diffModels(a, b, opts);
}
