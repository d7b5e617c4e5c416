import type { ColumnAdd, ColumnDrop, ColumnRename } from '../../diff/change.js';
import { hazard, place, shareHazards, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { columnDef, op, qname } from '../ops.js';
import type { Slot } from '../slots.js';
import { commentStep } from './comments.js';

/** Rows in batches: small enough to keep each transaction and its row locks short. */
export const BACKFILL_BATCH_SIZE = 1000;

function needsValue(change: ColumnAdd): boolean {
  const c = change.to;
  return c.notNull && c.default === null && c.identity === null && c.generated === null;
}

/**
 * A NOT NULL column with a backfill expression: added nullable (expand), filled in batches (migrate),
 * then tightened (contract), so neither phase breaks the running application.
 */
function addWithBackfill(change: ColumnAdd, backfill: string, recreated: boolean): Placed[] {
  const t = qname(change.table.schema, change.table.name);
  const col = change.to;
  const name = col.name;
  const slots: readonly [Slot, Slot, Slot] = recreated
    ? ['readd-columns', 'readd-columns', 'readd-columns']
    : ['columns', 'backfills', 'contract-columns'];
  return [
    place(slots[0], change, op('add-column', { table: t, column: { ...columnDef(col), notNull: false } }), {
      reverse: op('drop-column', { table: t, column: name }),
    }),
    place(slots[1], change, op('backfill-column', { table: t, column: name, value: backfill, batchSize: BACKFILL_BATCH_SIZE }), {
      lock: 'ROW EXCLUSIVE', batch: { size: BACKFILL_BATCH_SIZE }, reverse: null,
    }),
    place(slots[2], change, op('set-not-null', { table: t, column: name }), {
      hazards: [hazard('validation-scan', 'medium', `SET NOT NULL scans ${t.schema}.${t.name} under ACCESS EXCLUSIVE`)],
      rewrites: 'scan',
      reverse: op('drop-not-null', { table: t, column: name }),
    }),
  ];
}

export function addColumn(change: ColumnAdd, ctx: PlanContext): Placed[] {
  const t = qname(change.table.schema, change.table.name);
  const col = change.to;
  const recreated = ctx.columnRecreated(change.id);
  const comment = commentStep(change, { on: 'column', table: t, column: col.name }, null, col.comment,
    recreated ? 'contract-comments' : 'comments');
  if (needsValue(change) && col.backfill !== undefined) {
    return [...addWithBackfill(change, col.backfill, recreated), ...comment];
  }
  const hazards = [];
  if (needsValue(change)) {
    hazards.push(hazard('breaking', 'medium',
      `NOT NULL column ${col.name} without a default: fails on a table with rows, and the running application's inserts fail`));
  }
  if (col.generated !== null) hazards.push(hazard('rewrite', 'medium', `stored generated column ${col.name} rewrites the table`));
  if (recreated) hazards.push(hazard('data-loss', 'high', `column ${col.name} is dropped and added again: its values are lost`));
  const add = place(recreated ? 'readd-columns' : 'columns', change, op('add-column', { table: t, column: columnDef(col) }), {
    hazards,
    rewrites: col.generated !== null ? 'rewrite' : 'none',
    reverse: op('drop-column', { table: t, column: col.name }),
  });
  return [add, ...comment];
}

export function dropColumn(change: ColumnDrop, ctx: PlanContext): Placed[] {
  // Runs in contract, after expand's renames: the table has its desired name by then.
  const t = qname(change.table.schema, ctx.currentName(change.table));
  const hazards = [hazard('data-loss', 'high', `column ${t.schema}.${t.name}.${change.from.name} and its values are dropped`)];
  return shareHazards([place('drop-columns', change, op('drop-column', { table: t, column: change.from.name }), {
    hazards, reverse: null,
  })]);
}

export function renameColumn(change: ColumnRename): Placed[] {
  const t = qname(change.table.schema, change.table.name);
  return [place('renames', change, op('rename-column', { table: t, column: change.from.name, newName: change.to.name }), {
    hazards: [hazard('breaking', 'high', `the running application still uses column ${change.from.name}`)],
    reverse: op('rename-column', { table: t, column: change.to.name, newName: change.from.name }),
  })];
}
