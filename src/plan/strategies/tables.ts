import type { AlterChange, CreateChange, DropChange, RenameChange } from '../../diff/change.js';
import type { Table } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import { columnDef, op, qname } from '../ops.js';
import { commentStep } from './comments.js';
import { rowSecuritySteps } from './policies.js';
import { createOptions, tableOptionSteps } from './table-options.js';

const tableOf = (t: Table) => qname(t.schema, t.name);

export function createTable(change: CreateChange<'table'>): Placed[] {
  const t = change.to;
  const comments = t.columns.flatMap((c) =>
    commentStep(change, { on: 'column', table: tableOf(t), column: c.name }, null, c.comment));
  return [
    place('create-tables', change, op('create-table', { table: tableOf(t), columns: t.columns.map(columnDef), options: createOptions(t) }), {
      reverse: op('drop-table', { table: tableOf(t) }),
    }),
    ...commentStep(change, { on: 'table', object: tableOf(t) }, null, t.comment),
    ...comments,
    ...rowSecuritySteps(change, null, t),
    ...tableOptionSteps(change, null, t),
  ];
}

/** Ordered against other dropped tables by the planner (order.ts), so foreign keys never block it. */
export function dropTable(change: DropChange<'table'>): Placed[] {
  const t = change.from;
  return [place('drop-tables', change, op('drop-table', { table: tableOf(t) }), {
    hazards: [hazard('data-loss', 'high', `table ${t.schema}.${t.name} and all its rows are dropped`)],
    reverse: null,
  })];
}

export function renameTable(change: RenameChange<'table'>): Placed[] {
  const { from, to } = change;
  return [place('renames', change, op('rename-table', { table: tableOf(from), newName: to.name }), {
    hazards: [hazard('breaking', 'high', `the running application still uses ${from.schema}.${from.name}`)],
    reverse: op('rename-table', { table: tableOf(to), newName: from.name }),
  })];
}

export function alterTable(change: AlterChange<'table'>): Placed[] {
  return [
    ...commentStep(change, { on: 'table', object: tableOf(change.to) }, change.from.comment, change.to.comment),
    ...rowSecuritySteps(change, change.from, change.to),
    ...tableOptionSteps(change, change.from, change.to),
  ];
}
