import type { AlterChange, CreateChange, DropChange, RenameChange, TableRecreate } from '../../diff/change.js';
import { inheritedColumnSteps } from './inherited-defaults.js';
import { objectId, relationId } from '../../model/ids.js';
import type { Table } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import type { Hazard } from '../step.js';
import { columnDef, op, qname } from '../ops.js';
import { commentStep } from './comments.js';
import { identitySequenceRename } from './sequences.js';
import { rowSecuritySteps } from './policies.js';
import { displacedOnAttach } from './partition-indexes.js';
import { createOptions, tableOptionSteps } from './table-options.js';
import { commentQualified } from '../../sql/ident.js';

const tableOf = (t: Table) => qname(t.schema, t.name);

export function createTable(change: CreateChange<'table'>, ctx: PlanContext): Placed[] {
  return createTableSteps(change, change.to, [], ctx);
}

/**
 * A new partition gets its columns from its parent; NOT NULL where the partition is stricter than
 * its parent is set right after (on an empty table, so without a scan).
 */
function partitionNotNulls(change: CreateChange<'table'> | TableRecreate, t: Table, ctx: PlanContext): Placed[] {
  if (t.partitionOf === undefined) return [];
  const parent = ctx.to.table.get(relationId('table', t.partitionOf.schema, t.partitionOf.table));
  return t.columns
    .filter((c) => c.notNull && parent?.columns.find((p) => p.name === c.name)?.notNull === false)
    .map((c) => place('columns', change, op('set-not-null', { table: tableOf(t), column: c.name }), {
      reverse: op('drop-not-null', { table: tableOf(t), column: c.name }),
    }));
}

/** CREATE TABLE with its comments, row security and options; `hazards` go on the CREATE itself. */
export function createTableSteps(
  change: CreateChange<'table'> | TableRecreate, t: Table, hazards: readonly Hazard[], ctx: PlanContext,
): Placed[] {
  const comments = t.columns.flatMap((c) =>
    commentStep(change, { on: 'column', table: tableOf(t), column: c.name }, null, c.comment));
  return [
    place('create-tables', change, op('create-table', { table: tableOf(t), columns: t.columns.map(columnDef), options: createOptions(t) }), {
      hazards,
      reverse: op('drop-table', { table: tableOf(t) }),
    }),
    ...partitionNotNulls(change, t, ctx),
    ...commentStep(change, { on: 'table', object: tableOf(t) }, null, t.comment),
    ...comments,
    ...rowSecuritySteps(change, null, t),
    ...tableOptionSteps(change, null, t),
    ...inheritedColumnSteps(change, null, t, ctx),
  ];
}

/** Ordered against other dropped tables by the planner (order.ts), so foreign keys never block it. */
export function dropTable(change: DropChange<'table'>): Placed[] {
  const t = change.from;
  return [place('drop-tables', change, op('drop-table', { table: tableOf(t) }), {
    hazards: [hazard('data-loss', 'high', `table ${commentQualified(t.schema, t.name)} and all its rows are dropped`)],
    reverse: null,
  })];
}

/**
 * The identity sequences named after the table follow its rename. Column renames run after it, so
 * each is found and named by its column's current name; a renamed column's step takes it on from there.
 */
function identitySequenceRenames(change: RenameChange<'table'>): Placed[] {
  const { from, to } = change;
  return from.columns.flatMap((was) => {
    const col = to.columns.find((c) => c.renamedFrom === was.name) ?? to.columns.find((c) => c.name === was.name && c.renamedFrom === undefined);
    if (was.identity === null || col === undefined || col.identity === null) return [];
    return identitySequenceRename(change, tableOf(to), was.name, { table: from.name, column: was.name }, { table: to.name, column: was.name });
  });
}

/**
 * A renamed table keeps serving the running application under its old name through a simple view
 * (`SELECT *`, which PostgreSQL makes updatable), dropped in contract once the old version is gone.
 * When the schema itself reuses the old name, no view can stand in and the rename is breaking.
 */
export function renameTable(change: RenameChange<'table'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const rename = op('rename-table', { table: tableOf(from), newName: to.name });
  const back = op('rename-table', { table: tableOf(to), newName: from.name });
  if (ctx.to.table.has(objectId(from))) {
    return [place('renames', change, rename, {
      hazards: [hazard('breaking', 'high', `the running application still uses ${commentQualified(from.schema, from.name)}, and the schema reuses that name`)],
      reverse: back,
    }), ...identitySequenceRenames(change)];
  }
  const view = tableOf(from);
  return [
    place('renames', change, rename, { reverse: back }),
    ...identitySequenceRenames(change),
    place('renames', change, op('create-compat-view', { view, table: tableOf(to) }), {
      reverse: op('drop-compat-view', { view }),
    }),
    place('drop-compat-views', change, op('drop-compat-view', { view }), {
      hazards: [hazard('breaking', 'low', `the compatibility view ${commentQualified(from.schema, from.name)} goes: the old application version must be gone`)],
      reverse: null,
    }),
  ];
}

export function alterTable(change: AlterChange<'table'>, ctx: PlanContext): Placed[] {
  return [
    ...commentStep(change, { on: 'table', object: tableOf(change.to) }, change.from.comment, change.to.comment),
    ...rowSecuritySteps(change, change.from, change.to),
    ...tableOptionSteps(change, change.from, change.to),
    ...displacedOnAttach(change, change.from, change.to, ctx),
    ...(change.fields.includes('inheritedColumns') ? inheritedColumnSteps(change, change.from, change.to, ctx) : []),
  ];
}
