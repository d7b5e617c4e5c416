import type { AlterChange, Change, CreateChange, DropChange, RenameChange } from '../../diff/change.js';
import type { Index } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { adoptedByParentKey } from './partitioned-table-keys.js';
import { op, qname } from '../ops.js';
import { helperName } from '../names.js';
import { commentStep } from './comments.js';
import { alterAttachment, createAttachedIndex, dropAttachedIndex } from './partition-indexes.js';
import { dropParentOfKeys } from './partition-keys.js';
import { dropPartitionedIndex, onPartitionedTable } from './table-options.js';
import { commentIdent } from '../../sql/ident.js';

/**
 * Indexes on tables that already exist are built and dropped CONCURRENTLY (no write lock, but not
 * inside a transaction); on new tables plainly. An index that backs a primary key or unique
 * constraint comes and goes with the constraint and is skipped here.
 */
export function createIndex(change: CreateChange<'index'>, ctx: PlanContext): Placed[] {
  const i = change.to;
  if (ctx.backsConstraint(ctx.to, i.schema, i.table, i.name)) return [];
  if (ctx.indexRebuilt(change.id)) return rebuildIndex(change, ctx);
  return createAttachedIndex(change, ctx, () => createPlainIndex(change, ctx)) ?? createPlainIndex(change, ctx);
}

function createPlainIndex(change: CreateChange<'index'>, ctx: PlanContext): Placed[] {
  return buildIndex(change, change.to, ctx, ctx.tableDeferred(change.to.schema, change.to.table));
}

/**
 * CREATE INDEX with its comment, for `source`: CONCURRENTLY on a table that exists, in contract when
 * its table's column work is (`late`). Also used to build again an index that a dropped column took.
 */
export function buildIndex(source: Change, i: Index, ctx: PlanContext, late: boolean): Placed[] {
  // CONCURRENTLY is not possible on a partitioned table (its partitions get their indexes with it).
  const concurrently = ctx.tableExisted(i.schema, i.table) && !onPartitionedTable(ctx.to, i);
  const name = qname(i.schema, i.name);
  return [
    place(late ? 'contract-indexes' : 'indexes', source, op('create-index', { index: i, concurrently }), {
      hazards: concurrently ? [hazard('non-transactional', 'low', `CREATE INDEX CONCURRENTLY ${commentIdent(i.name)} runs outside a transaction`)] : [],
      lock: concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'SHARE',
      transactional: !concurrently,
      rewrites: concurrently ? 'scan' : 'none',
      reverse: op('drop-index', { index: name, concurrently }),
    }),
    ...commentStep(source, { on: 'index', object: name }, null, i.comment, late ? 'contract-comments' : 'comments'),
  ];
}

export function dropIndex(change: DropChange<'index'>, ctx: PlanContext): Placed[] {
  const i = change.from;
  // An index goes with its dropped table, unless a new index takes its name before the drop runs.
  const goesWithTable = ctx.tableDropped(i.schema, i.table) && !ctx.indexCreated(change.id);
  if (goesWithTable || ctx.backsConstraint(ctx.from, i.schema, i.table, i.name)) return [];
  // A partition's unique index that its parent's key takes over (USING INDEX) is kept.
  if (adoptedByParentKey(ctx, change.id)) return [];
  const attached = dropAttachedIndex(change, ctx);
  if (attached !== null) return attached;
  const withKeys = dropParentOfKeys(change, ctx);
  if (withKeys !== null) return withKeys;
  if (onPartitionedTable(ctx.from, i) || onPartitionedTable(ctx.to, i)) return dropPartitionedIndex(change);
  if (ctx.indexRebuilt(change.id)) return [];
  return [place('drop-indexes', change, op('drop-index', { index: qname(i.schema, i.name), concurrently: true }), {
    hazards: [hazard('non-transactional', 'low', `DROP INDEX CONCURRENTLY ${commentIdent(i.name)} runs outside a transaction`)],
    lock: 'SHARE UPDATE EXCLUSIVE',
    transactional: false,
    reverse: op('create-index', { index: i, concurrently: true }),
  })];
}

/**
 * A changed or INVALID index: the new definition is built CONCURRENTLY under a temporary name, the
 * old index is dropped CONCURRENTLY, and the new one takes the name, so queries keep an index (and a
 * unique index keeps enforcing) throughout. The index's old form comes from the current model.
 */
function rebuildIndex(change: CreateChange<'index'>, ctx: PlanContext): Placed[] {
  const i = change.to;
  const old = ctx.from.index.get(change.id);
  const temp = helperName(i.name, '__pgtide_new');
  const name = qname(i.schema, i.name);
  const tempName = qname(i.schema, temp);
  const why = old?.invalid ? `index ${commentIdent(i.name)} is INVALID (a failed concurrent build) and is rebuilt` : `index ${commentIdent(i.name)} changed and is rebuilt`;
  const outside = hazard('non-transactional', 'low', `${why} CONCURRENTLY under ${commentIdent(temp)}, then swapped in, outside a transaction`);
  const concurrent = { hazards: [outside], lock: 'SHARE UPDATE EXCLUSIVE', transactional: false } as const;
  return [
    place('indexes', change, op('create-index', { index: { ...i, name: temp, comment: null }, concurrently: true }), {
      ...concurrent, rewrites: 'scan', reverse: op('drop-index', { index: tempName, concurrently: true }),
    }),
    place('indexes', change, op('drop-index', { index: name, concurrently: true }), {
      ...concurrent, reverse: old === undefined || old.invalid ? null : op('create-index', { index: old, concurrently: true }),
    }),
    place('indexes', change, op('rename-index', { index: tempName, newName: i.name }), {
      reverse: op('rename-index', { index: name, newName: temp }),
    }),
    ...commentStep(change, { on: 'index', object: name }, null, i.comment),
  ];
}

export function renameIndex(change: RenameChange<'index'>): Placed[] {
  const { from, to } = change;
  return [place('renames', change, op('rename-index', { index: qname(from.schema, from.name), newName: to.name }), {
    reverse: op('rename-index', { index: qname(to.schema, to.name), newName: from.name }),
  })];
}

export function alterIndex(change: AlterChange<'index'>, ctx: PlanContext): Placed[] {
  const i = change.to;
  return [
    ...alterAttachment(change, ctx),
    ...commentStep(change, { on: 'index', object: qname(i.schema, i.name) }, change.from.comment, i.comment),
  ];
}
