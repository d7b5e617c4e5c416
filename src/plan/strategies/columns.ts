import type { ColumnAdd, ColumnDrop, ColumnRename } from '../../diff/change.js';
import type { Column } from '../../model/types.js';
import { hazard, place, shareHazards, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { columnDef, op, qname } from '../ops.js';
import type { Slot } from '../slots.js';
import { commentStep } from './comments.js';
import { renameColumnOnline } from './column-swap.js';
import { identitySequenceRename } from './sequences.js';
import { backfillSteps } from './backfill.js';
import { onlineSetNotNull } from './not-null.js';
import { alterColumn } from './column-alter.js';
import { calledFunctions } from '../../util/sql-lexer.js';
import { commentIdent, commentQualified } from '../../sql/ident.js';

// Volatile functions a default commonly calls. A volatile default cannot be stored once in the
// catalog (as a constant default is since PostgreSQL 11): ADD COLUMN computes it for every row.
const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  'clock_timestamp', 'random', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4',
  'uuidv4', 'uuidv7', 'timeofday', 'nextval', 'txid_current', 'statement_timestamp', 'random_normal',
]);

/** Reads the default with the SQL lexer; a default that does not lex counts as volatile (the safe side). */
export function volatileDefault(col: Column): boolean {
  if (col.default === null || col.default.kind !== 'sql') return false;
  const called = calledFunctions(col.default.text);
  return called === null || [...called].some((name) => VOLATILE_FUNCTIONS.has(name));
}

function needsValue(change: ColumnAdd): boolean {
  const c = change.to;
  return c.notNull && c.default === null && c.identity === null && c.generated === null;
}

/**
 * A NOT NULL column with a backfill expression: added nullable (expand), filled in batches (migrate),
 * then tightened (contract), so neither phase breaks the running application.
 */
function addWithBackfill(change: ColumnAdd, backfill: string, recreated: boolean, batchSize: number): Placed[] {
  const t = qname(change.table.schema, change.table.name);
  const col = change.to;
  const name = col.name;
  const add = (slot: Slot) => place(slot, change, op('add-column', { table: t, column: { ...columnDef(col), notNull: false } }), {
    reverse: op('drop-column', { table: t, column: name }),
  });
  // A column dropped and added again in contract: the old application is gone, no trigger is needed.
  if (recreated) {
    return [
      add('readd-columns'),
      place('readd-columns', change, op('backfill-column', { table: t, column: name, value: backfill, batchSize }), {
        lock: 'ROW EXCLUSIVE', batch: { size: batchSize, table: t }, reverse: null,
      }),
      ...onlineSetNotNull(change, t, name, 'readd-columns', col.notNullName),
    ];
  }
  return [add('columns'), ...backfillSteps(change, t, name, backfill, batchSize), ...onlineSetNotNull(change, t, name, 'contract-columns', col.notNullName)];
}

export function addColumn(change: ColumnAdd, ctx: PlanContext): Placed[] {
  const t = qname(change.table.schema, change.table.name);
  const col = change.to;
  const inherited = ctx.resolved.inheritedAdds.get(change.id);
  // The child has the column already (inherited); it becomes its own when the parent drops it ONLY.
  if (inherited?.kind === 'keep') return alterColumn(inherited.alter, ctx);
  const recreated = ctx.columnRecreated(change.id) || inherited?.kind === 'replace';
  // A generated column computed from a column that changes type is made once that type change ran.
  const slot: Slot = recreated ? 'readd-columns' : ctx.resolved.generated.addSlots.get(change.id) ?? 'columns';
  const comment = commentStep(change, { on: 'column', table: t, column: col.name }, null, col.comment,
    slot === 'readd-columns' ? 'contract-comments' : 'comments');
  if (needsValue(change) && col.backfill !== undefined) {
    return [...addWithBackfill(change, col.backfill, recreated, ctx.options.batchSize), ...comment];
  }
  const hazards = [];
  if (needsValue(change)) {
    hazards.push(hazard('breaking', 'medium',
      `NOT NULL column ${commentIdent(col.name)} without a default: fails on a table with rows, and the running application's inserts fail`));
  }
  if (col.generated !== null) hazards.push(hazard('rewrite', 'medium', `stored generated column ${commentIdent(col.name)} rewrites the table`));
  const volatile = volatileDefault(col) && ctx.tableExisted(change.table.schema, change.table.name);
  if (volatile) {
    hazards.push(hazard('rewrite', 'medium',
      `volatile default of ${commentIdent(col.name)} is computed for every existing row: the table is rewritten under ACCESS EXCLUSIVE`));
  }
  if (recreated) hazards.push(hazard('data-loss', 'high', `column ${commentIdent(col.name)} is dropped and added again: its values are lost`));
  const add = place(slot, change, op('add-column', { table: t, column: columnDef(col) }), {
    hazards,
    rewrites: col.generated !== null || volatile ? 'rewrite' : 'none',
    reverse: op('drop-column', { table: t, column: col.name }),
  });
  return [add, ...comment];
}

export function dropColumn(change: ColumnDrop, ctx: PlanContext): Placed[] {
  // Runs in contract, after expand's renames: the table has its desired name by then.
  const t = qname(change.table.schema, ctx.currentName(change.table));
  const hazards = [hazard('data-loss', 'high', `column ${commentQualified(t.schema, t.name, change.from.name)} and its values are dropped`)];
  const slot = change.from.generated === null ? 'drop-columns' : 'drop-generated-columns';
  const inherited = ctx.resolved.inheritedDrops.get(change.id);
  if (inherited === undefined) {
    return shareHazards([place(slot, change, op('drop-column', { table: t, column: change.from.name }), { hazards, reverse: null })]);
  }
  const released = inherited.release.map((child) => {
    const c = qname(child.schema, child.name);
    return place(slot, change, op('drop-column', { table: c, column: change.from.name }), {
      hazards: [hazard('data-loss', 'high', `column ${commentQualified(c.schema, c.name, change.from.name)} (inherited from ${commentIdent(t.name)}) and its values are dropped`)],
      reverse: null,
    });
  });
  return shareHazards([place(slot, change, op('drop-column', { table: t, column: change.from.name, only: true }), { hazards, reverse: null }), ...released]);
}

/**
 * A hinted column rename is online by default (new column, sync trigger both ways, batched copy,
 * old column dropped in contract). `.strategy('direct')`, or a column the online way cannot carry
 * (indexed, constrained, identity, generated), gets a plain RENAME flagged as breaking.
 */
export function renameColumn(change: ColumnRename, ctx: PlanContext): Placed[] {
  const t = qname(change.table.schema, change.table.name);
  const { online, blocker } = ctx.resolved.renames.get(change.id)!;
  if (online) return renameColumnOnline(change, ctx);
  const why = blocker === null ? '' : ` (renamed directly: ${blocker})`;
  const identity = change.from.identity !== null && change.to.identity !== null
    ? identitySequenceRename(change, t, change.to.name, { table: t.name, column: change.from.name }, { table: t.name, column: change.to.name })
    : [];
  return [place('renames', change, op('rename-column', { table: t, column: change.from.name, newName: change.to.name }), {
    hazards: [hazard('breaking', 'high', `the running application still uses column ${commentIdent(change.from.name)}${why}`)],
    reverse: op('rename-column', { table: t, column: change.to.name, newName: change.from.name }),
  }), ...identity];
}
