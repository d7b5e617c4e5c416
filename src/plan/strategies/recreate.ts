import type { DropChange, TableRecreate } from '../../diff/change.js';
import { relationId } from '../../model/ids.js';
import type { Model, Sequence, Table } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import { childrenFirst } from '../order.js';
import type { Hazard } from '../step.js';
import { createTableSteps } from './tables.js';
import { holdRows, keepRowsHazards, keepsRows, restoreRows } from './recreate-rows.js';
import { commentIdent, commentQualified } from '../../sql/ident.js';

/** What makes the table impossible to alter in place, in words for the hazard message. */
function why(change: TableRecreate): string {
  const { from, to, reason } = change;
  switch (reason.kind) {
    case 'parent':
      return `its parent ${commentQualified(reason.parent.schema, reason.parent.table)} is recreated and takes it along`;
    case 'column-order':
      return `its columns must be in the declared order (${reason.order.map(commentIdent).join(', ')}), which ALTER TABLE cannot do`;
    case 'fields': {
      const parts = reason.fields.map((field) => {
        if (field !== 'partitionBy') return `${field} changes`;
        if (from.partitionBy === undefined) return `it becomes partitioned (PARTITION BY ${to.partitionBy})`;
        if (to.partitionBy === undefined) return `it stops being partitioned (was PARTITION BY ${from.partitionBy})`;
        return `its partition key changes from ${from.partitionBy} to ${to.partitionBy}`;
      });
      return `${parts.join(', ')}, which ALTER TABLE cannot do`;
    }
    default: {
      const never: never = reason;
      return never;
    }
  }
}

/**
 * The rows are not carried over: a partitioned table accepts only rows that some partition takes, so
 * INSERT … SELECT into the new shape can fail half-way through a deploy, and serial or identity
 * counters would need to be moved along with them. The hazard says so plainly instead.
 */
/** Another table's foreign key references the recreated table. */
function referenced(change: TableRecreate, ctx: PlanContext): boolean {
  const { schema, name } = change.from;
  return [...ctx.from.constraint.values()].some((c) => c.type === 'foreign-key'
    && c.references.schema === schema && c.references.table === name && !(c.schema === schema && c.table === name));
}

export function recreateHazards(change: TableRecreate, ctx: PlanContext): Hazard[] {
  if (keepsRows(change)) return keepRowsHazards(change);
  const name = commentQualified(change.from.schema, change.from.name);
  return [
    hazard('data-loss', 'high', `table ${name} is dropped and created again because ${why(change)}: all its rows are lost; copy them out first if they matter`
      + (referenced(change, ctx) ? ' (foreign keys of other tables that point at it are validated again, and fail while their rows reference the lost ones)' : '')),
    hazard('rewrite', 'high', `table ${name} is rebuilt under ACCESS EXCLUSIVE; views, policies, triggers, indexes, constraints and foreign keys that reference it are recreated with it`),
  ];
}

/** CREATE TABLE in the new shape and, for sequences its old columns owned, the ownership back. */
export function recreateTable(change: TableRecreate, ctx: PlanContext): Placed[] {
  const hazards = recreateHazards(change, ctx);
  const owners = ownedSequences(ctx.from, change.from).flatMap((s) => {
    const desired = ctx.to.sequence.get(relationId('sequence', s.schema, s.name));
    if (desired?.ownedBy == null || desired.ownedBy.table !== change.to.name) return [];
    const owner = { schema: s.schema, table: desired.ownedBy.table, column: desired.ownedBy.column };
    return [place('sequence-owners', change, op('set-sequence-owner', { sequence: qname(s.schema, s.name), owner }), {
      hazards, reverse: null,
    })];
  });
  const rows = keepsRows(change) ? restoreRows(change, hazards) : [];
  return [...createTableSteps(change, change.to, hazards, ctx), ...rows, ...owners];
}

/** Sequences owned by a column of the table (serial columns): DROP TABLE would take them along. */
function ownedSequences(model: Model, t: Table): Sequence[] {
  return [...model.sequence.values()].filter((s) => s.schema === t.schema && s.ownedBy?.table === t.name);
}

/**
 * The drops of recreated tables, in the expand phase before any table is created: partitions and
 * children first, and tables that are dropped for good but hang under a recreated parent with them
 * (the parent cannot go while they are there). Sequences owned by their columns are released first
 * so that the new columns' defaults still find them.
 */
export function dropRecreatedTables(
  recreates: readonly TableRecreate[],
  drops: readonly DropChange<'table'>[],
  ctx: PlanContext,
): { placed: Placed[]; taken: ReadonlySet<DropChange<'table'>> } {
  if (recreates.length === 0) return { placed: [], taken: new Set() };
  const under = new Set(recreates.map((r) => `${r.from.schema}.${r.from.name}`));
  const taken = new Set<DropChange<'table'>>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of drops) {
      if (taken.has(d)) continue;
      const parents = [...(d.from.partitionOf ? [d.from.partitionOf] : []), ...(d.from.inherits ?? [])];
      if (!parents.some((p) => under.has(`${p.schema}.${p.table}`))) continue;
      taken.add(d);
      under.add(`${d.from.schema}.${d.from.name}`);
      grew = true;
    }
  }
  const placed: Placed[] = [];
  for (const item of childrenFirst<TableRecreate | DropChange<'table'>>([...recreates, ...taken])) {
    const t = item.from;
    const hazards = item.kind === 'table.recreate'
      ? recreateHazards(item, ctx)
      : [hazard('data-loss', 'high', `table ${commentQualified(t.schema, t.name)} and all its rows are dropped`)];
    // A sequence the schema keeps is released; one it drops goes with the table (dropSequence skips it).
    const kept = item.kind === 'table.recreate' ? ownedSequences(ctx.from, t).filter((s) => ctx.to.sequence.has(relationId('sequence', s.schema, s.name))) : [];
    for (const s of kept) {
      placed.push(place('drop-recreated-tables', item, op('set-sequence-owner', { sequence: qname(s.schema, s.name), owner: null }), {
        hazards, reverse: null,
      }));
    }
    if (item.kind === 'table.recreate' && keepsRows(item)) placed.push(...holdRows(item, hazards));
    placed.push(place('drop-recreated-tables', item, op('drop-table', { table: qname(t.schema, t.name) }), { hazards, reverse: null }));
  }
  return { placed, taken };
}
