import { describeChange } from '../api/display.js';
import type { Plan, Step } from '../plan/index.js';
import type { CommentTarget, Op } from '../plan/ops.js';

/**
 * What a step does, for people. A step is labelled by the change it comes from, except where its
 * operation is something else than that change: a COMMENT placed with a create table is a comment,
 * with a comment's lock, not part of the CREATE.
 */
export function stepLabel(step: Step): string {
  if (step.op.kind === 'comment-on') return `${step.op.comment === null ? 'remove comment on' : 'comment on'} ${describeTarget(step.op.target)}`;
  return describeChange(step.source);
}

function describeTarget(t: CommentTarget): string {
  switch (t.on) {
    case 'schema':
      return `schema ${t.name}`;
    case 'table':
    case 'type':
    case 'sequence':
    case 'index':
    case 'view':
    case 'collation':
      return `${t.on} ${t.object.schema}.${t.object.name}`;
    case 'materialized-view':
      return `materialized view ${t.object.schema}.${t.object.name}`;
    case 'column':
      return `column ${t.table.schema}.${t.table.name}.${t.column}`;
    case 'constraint':
    case 'trigger':
    case 'policy':
    case 'rule':
      return `${t.on} ${t.name} on ${t.table.schema}.${t.table.name}`;
    case 'statistics':
      return `statistics ${t.statistics.schema}.${t.statistics.name}`;
    case 'function':
    case 'procedure':
      return `${t.on} ${t.routine.schema}.${t.routine.name}(${t.args})`;
    case 'event-trigger':
      return `event trigger ${t.name}`;
    case 'publication':
      return `publication ${t.name}`;
    case 'aggregate':
      return `aggregate ${t.aggregate.schema}.${t.aggregate.name}(${t.args})`;
    default: {
      const never: never = t;
      return never;
    }
  }
}

/** The relation a step locks, as `schema.name`, when it works on one. */
export function stepRelation(op: Op): string | null {
  if ('table' in op && typeof op.table === 'object' && op.table !== null) return `${op.table.schema}.${op.table.name}`;
  if (op.kind === 'create-index') return `${op.index.schema}.${op.index.table}`;
  if (op.kind === 'create-statistics') return `${op.statistics.tableSchema}.${op.statistics.tableName}`;
  if (op.kind === 'create-rule') return `${op.rule.schema}.${op.rule.table}`;
  if (op.kind === 'add-constraint' || op.kind === 'add-constraint-using-index') return `${op.constraint.schema}.${op.constraint.table}`;
  if (op.kind === 'comment-on') {
    const t = op.target;
    if ('table' in t) return `${t.table.schema}.${t.table.name}`;
    if ('object' in t) return `${t.object.schema}.${t.object.name}`;
  }
  return null;
}

/** Relations the plan creates: a lock on them blocks nobody, so it is not worth a reader's attention. */
export function createdRelations(plan: Plan): ReadonlySet<string> {
  const out = new Set<string>();
  for (const { op } of plan.steps) {
    if (op.kind === 'create-table') out.add(`${op.table.schema}.${op.table.name}`);
    else if (op.kind === 'create-index') out.add(`${op.index.schema}.${op.index.name}`);
    else if (op.kind === 'create-view') out.add(`${op.view.schema}.${op.view.name}`);
  }
  return out;
}

/** The lock to show for a step, or null when it blocks nobody (none, or on a relation this plan creates). */
export function shownLock(step: Step, created: ReadonlySet<string>): string | null {
  if (step.lock === 'none') return null;
  const relation = stepRelation(step.op);
  return relation !== null && created.has(relation) ? null : step.lock;
}
