import type { Routine } from '../../model/types.js';
import type { PlanContext } from '../context.js';

/**
 * What a function reads among relations, as the catalog records it (pg_depend, introspect/depends.ts):
 * a table's or view's row type as its result (`SETOF customer`) or an argument, and what a
 * `BEGIN ATOMIC` body reads. PostgreSQL refuses to drop a relation such a function still reads, and to
 * create the function before the relation, so these decide where the function goes on either side.
 */
const readsTable = (id: string): boolean => id.startsWith('table:') || id.startsWith('column:');
const readsView = (id: string): boolean => id.startsWith('view:');

/** It reads a table or one of its columns. */
export function readsTables(r: Routine): boolean {
  return r.dependsOn.some(readsTable);
}

/** It reads a view: created after the views, not merely after the tables. */
export function readsViews(r: Routine): boolean {
  return r.dependsOn.some(readsView);
}

/** It reads a view the plan drops (views go early in expand): the function must go before it. */
export function readsDroppedView(r: Routine, ctx: PlanContext): boolean {
  return r.dependsOn.some((id) => readsView(id) && ctx.viewDropped(id));
}
