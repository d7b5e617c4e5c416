import type { Model, Table } from '../model/types.js';
import { mentionsIdentifier } from '../util/sql-lexer.js';
import type { Change, TableRecreate } from './change.js';
import { addedColumnOrder } from './columns.js';

/**
 * Column order under columnOrder 'exact'. PostgreSQL can only append a column, so the order a plan
 * leaves is predictable from the column changes alone: the columns that stay, in their current order
 * (under their new names), then the new columns (plain before generated), then those dropped and
 * added again (a column that gains a generation expression), which the planner adds back in the
 * contract phase. When that is not
 * the declared order, the table is rebuilt with its rows (table.recreate, reason 'column-order').
 * In 'exact' mode the planner retypes and renames in place, so no other change moves a column,
 * except around a generated column that reads a retyped one: the planner drops and adds it again, or
 * adds a new one after the retype, in a slot that depends on the retype. Such a table is rebuilt
 * whenever order counts, rather than predicting those slots here.
 */

/** A stored generated column of the desired table reads a column whose type or collation changes. */
function generatedOverRetype(desired: Table, columnChanges: readonly Change[]): boolean {
  const retyped = columnChanges.flatMap((c) =>
    c.kind === 'column.alter' && (c.fields.includes('type') || c.fields.includes('collation')) ? [c.to.name] : []);
  if (retyped.length === 0) return false;
  return desired.columns.some((g) => g.generated !== null && retyped.some((name) => mentionsIdentifier(g.generated!, name)));
}

/** The column names, in order, that the planned column changes leave on `current`. */
export function orderAfterChanges(current: Table, desired: Table, columnChanges: readonly Change[]): string[] {
  const dropped = new Set<string>();
  const renamed = new Map<string, string>();
  const added = new Set<string>();
  for (const c of columnChanges) {
    if (c.kind === 'column.drop') dropped.add(c.from.name);
    else if (c.kind === 'column.rename') renamed.set(c.from.name, c.to.name);
    else if (c.kind === 'column.add') added.add(c.to.name);
  }
  const kept = current.columns.filter((c) => !dropped.has(c.name)).map((c) => renamed.get(c.name) ?? c.name);
  const readded = (name: string): boolean => dropped.has(name) && current.columns.some((c) => c.name === name);
  const adds = addedColumnOrder(desired.columns).map((c) => c.name).filter((name) => added.has(name));
  return [...kept, ...adds.filter((n) => !readded(n)), ...adds.filter(readded)];
}

/** The table has no partition or inheritance ties on either side: its rows can be copied as they are. */
function standalone(current: Table, desired: Table, from: Model, to: Model): boolean {
  const tied = (t: Table): boolean => t.partitionBy !== undefined || t.partitionOf !== undefined || (t.inherits?.length ?? 0) > 0;
  if (tied(current) || tied(desired)) return false;
  const parentOf = (t: Table, schema: string, name: string): boolean =>
    (t.partitionOf?.schema === schema && t.partitionOf.table === name)
    || (t.inherits ?? []).some((p) => p.schema === schema && p.table === name);
  for (const t of from.table.values()) if (parentOf(t, current.schema, current.name)) return false;
  for (const t of to.table.values()) if (parentOf(t, desired.schema, desired.name)) return false;
  return true;
}

/**
 * The rebuild that puts a table's columns in the declared order, or null when the column changes
 * already end there (or the table cannot be rebuilt with its rows: partitioned, a partition, or in
 * an inheritance tree, whose rows belong to more than one table).
 */
export function columnOrderRecreate(
  id: string,
  current: Table,
  desired: Table,
  columnChanges: readonly Change[],
  models: { from: Model; to: Model },
): TableRecreate | null {
  const order = desired.columns.map((c) => c.name);
  const reached = orderAfterChanges(current, desired, columnChanges);
  const same = reached.length === order.length && reached.every((name, i) => name === order[i]);
  if (same && !generatedOverRetype(desired, columnChanges)) return null;
  if (!standalone(current, desired, models.from, models.to)) return null;
  return { kind: 'table.recreate', id, from: current, to: desired, reason: { kind: 'column-order', order } };
}
