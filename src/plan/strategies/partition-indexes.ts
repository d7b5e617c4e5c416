import type { AlterChange, Change, CreateChange, DropChange } from '../../diff/change.js';
import { relationId } from '../../model/ids.js';
import { sameValue } from '../../diff/guard.js';
import { ExitCode, PgtideError } from '../../errors.js';
import type { Index, Model, Table } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import type { Slot } from '../slots.js';
import { commentStep } from './comments.js';
import { commentIdent } from '../../sql/ident.js';
import { wasPartition } from '../../resolve/partition-keys.js';

/**
 * A partition's index attached to its parent's partitioned index. The server makes one whenever a
 * partition meets a parent index (CREATE TABLE … PARTITION OF, ATTACH PARTITION, CREATE INDEX on the
 * parent), adopting a matching index of the partition's own when there is one, and drops it with the
 * parent index; it cannot be dropped or detached alone. A partition's key constraint whose index is
 * attached (partition-keys.ts) shares these rules.
 */

/** An index, or a key constraint through its index (which has the constraint's name). */
export interface Attachable {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly attachedTo?: string;
}

export const tableOf = (model: Model, i: Attachable): Table | undefined => model.table.get(relationId('table', i.schema, i.table));

/** The id of the parent index an attached index hangs off, read in the model it belongs to. */
export function parentIndexId(model: Model, i: Attachable, parentName: string): string | null {
  const parent = tableOf(model, i)?.partitionOf;
  return parent === undefined ? null : relationId('index', parent.schema, parentName);
}

/** The partition (as it is now) stays a partition of the same parent (no DETACH in this plan). */
export function staysPartition(ctx: PlanContext, i: Attachable): boolean {
  const table = tableOf(ctx.from, i);
  return table !== undefined && [...ctx.to.table.values()].some((t) => t.schema === table.schema
    && t.name === ctx.currentName(table) && sameValue(t.partitionOf?.table, table.partitionOf?.table));
}

/** Whether the server itself will attach an index to `parentName` on this partition during the plan. */
export function attachedByServer(ctx: PlanContext, i: Attachable, parentName: string): boolean {
  const parentId = parentIndexId(ctx.to, i, parentName);
  return !ctx.tableExisted(i.schema, i.table) || (parentId !== null && ctx.indexCreated(parentId)) || !wasPartition(ctx.resolved, i);
}

/** Same definition as far as the server's matching of partition indexes goes (names and storage aside). */
function sameDefinition(a: Index, b: Index): boolean {
  return a.unique === b.unique && a.nullsNotDistinct === b.nullsNotDistinct && a.method === b.method
    && sameValue(a.keys, b.keys) && sameValue(a.include, b.include) && a.where === b.where;
}

export function attachStep(change: Change, i: Attachable, parentName: string, ctx: PlanContext, slot: Slot = 'index-constraints'): Placed {
  const parent = tableOf(ctx.to, i)?.partitionOf;
  if (parent === undefined) throw new Error(`index ${i.schema}.${i.name} is attached but ${i.table} is not a partition`);
  return place(slot, change, op('attach-index', { parent: qname(parent.schema, parentName), index: qname(i.schema, i.name) }), {
    reverse: null,
  });
}

/** The attached index a partition had under another name and that the plan drops (a rename, not a rebuild). */
function previousAttached(ctx: PlanContext, i: Index): Index | undefined {
  for (const was of ctx.from.index.values()) {
    if (was.attachedTo !== i.attachedTo || was.schema !== i.schema || was.name === i.name) continue;
    const table = tableOf(ctx.from, was);
    if (table !== undefined && ctx.currentName(table) === i.table && !ctx.to.index.has(relationId('index', was.schema, was.name))) return was;
  }
  return undefined;
}

/**
 * An attached index to create: nothing when the server makes it (new partition, new parent index,
 * or ATTACH PARTITION, which adopts the index built here first), a rename when only its name
 * changes, else an index of the partition's own attached to the parent's.
 * Returns null when the plain index strategy applies (the index is not attached).
 */
export function createAttachedIndex(change: CreateChange<'index'>, ctx: PlanContext, plain: () => Placed[]): Placed[] | null {
  const i = change.to;
  if (i.attachedTo === undefined) return null;
  const parentId = parentIndexId(ctx.to, i, i.attachedTo);
  if (!ctx.tableExisted(i.schema, i.table) || (parentId !== null && ctx.indexCreated(parentId))) return serverMade(change, ctx);
  const was = previousAttached(ctx, i);
  if (was !== undefined && wasPartition(ctx.resolved, i)) {
    return [
      place('renames', change, op('rename-index', { index: qname(was.schema, was.name), newName: i.name }), {
        reverse: op('rename-index', { index: qname(i.schema, i.name), newName: was.name }),
      }),
      ...commentStep(change, { on: 'index', object: qname(i.schema, i.name) }, was.comment, i.comment),
    ];
  }
  // On a table attached by this plan the index is built before ATTACH PARTITION, which adopts it.
  return wasPartition(ctx.resolved, i) ? [...plain(), attachStep(change, i, i.attachedTo, ctx)] : plain();
}

/** The server makes the index (with the partition or with its parent index): only its comment is said, once it exists. */
function serverMade(change: CreateChange<'index'>, ctx: PlanContext): Placed[] {
  const i = change.to;
  const parent = tableOf(ctx.to, i)?.partitionOf;
  const late = ctx.tableDeferred(i.schema, i.table) || (parent !== undefined && ctx.tableDeferred(parent.schema, parent.table));
  return commentStep(change, { on: 'index', object: qname(i.schema, i.name) }, null, i.comment, late ? 'contract-comments' : 'comments');
}

/**
 * An attached index to drop: it goes with its parent index or its table, is renamed (see above), or,
 * once DETACH PARTITION made it the table's own, is dropped after the detach. Null: not attached.
 */
export function dropAttachedIndex(change: DropChange<'index'>, ctx: PlanContext): Placed[] | null {
  const i = change.from;
  if (i.attachedTo === undefined) return null;
  const parentId = parentIndexId(ctx.from, i, i.attachedTo);
  if (ctx.tableDropped(i.schema, i.table) || (parentId !== null && ctx.indexDropped(parentId))) return [];
  const renamed = [...ctx.to.index.values()].some((n) => n.attachedTo === i.attachedTo && n.schema === i.schema
    && previousAttached(ctx, n)?.name === i.name && wasPartition(ctx.resolved, n));
  if (renamed) return [];
  if (staysPartition(ctx, i)) {
    throw new PgtideError(`index ${i.schema}.${i.name} is attached to ${i.attachedTo} and cannot be dropped on its own: drop the parent index or detach the partition`, ExitCode.usage);
  }
  // 'indexes' runs after 'detach-tables'.
  return [place('indexes', change, op('drop-index', { index: qname(i.schema, i.name), concurrently: true }), {
    hazards: [hazard('non-transactional', 'low', `DROP INDEX CONCURRENTLY ${commentIdent(i.name)} runs outside a transaction`)],
    lock: 'SHARE UPDATE EXCLUSIVE',
    transactional: false,
    reverse: null,
  })];
}

/**
 * An index whose attachment changes while it stays. The server does it when the table is attached or
 * detached, or the parent index is (re)created or dropped; otherwise only attaching can be said.
 */
export function alterAttachment(change: AlterChange<'index'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  if (from.attachedTo === to.attachedTo) return [];
  if (from.attachedTo !== undefined) {
    const parentId = parentIndexId(ctx.from, from, from.attachedTo);
    const released = (parentId !== null && ctx.indexDropped(parentId)) || !wasPartition(ctx.resolved, to);
    if (!released) {
      throw new PgtideError(`index ${to.schema}.${to.name} cannot be detached from ${from.attachedTo}: PostgreSQL detaches a partition's indexes only with the partition`, ExitCode.usage);
    }
  }
  if (to.attachedTo === undefined || attachedByServer(ctx, to, to.attachedTo)) return [];
  return [attachStep(change, to, to.attachedTo, ctx)];
}

/**
 * ATTACH PARTITION adopts, for each parent index, the first matching index the table has. An index
 * that is to stay the table's own while a sibling takes the attachment is dropped before the attach
 * and built again after it.
 */
export function displacedOnAttach(change: Change, from: Table, to: Table, ctx: PlanContext): Placed[] {
  if (to.partitionOf === undefined || sameValue(from.partitionOf, to.partitionOf)) return [];
  const indexes = [...ctx.to.index.values()].filter((i) => i.schema === to.schema && i.table === to.name);
  const out: Placed[] = [];
  for (const own of indexes) {
    if (own.attachedTo !== undefined || ctx.indexCreated(relationId('index', own.schema, own.name))) continue;
    if (!indexes.some((a) => a.attachedTo !== undefined && sameDefinition(a, own))) continue;
    const name = qname(own.schema, own.name);
    const concurrent = { lock: 'SHARE UPDATE EXCLUSIVE', transactional: false } as const;
    out.push(
      place('drop-indexes', change, op('drop-index', { index: name, concurrently: true }), {
        ...concurrent,
        hazards: [hazard('non-transactional', 'low', `index ${commentIdent(own.name)} is dropped CONCURRENTLY before ATTACH PARTITION, which would adopt it, and built again after`)],
        reverse: op('create-index', { index: own, concurrently: true }),
      }),
      place('partition-own-indexes', change, op('create-index', { index: own, concurrently: true }), {
        ...concurrent, rewrites: 'scan', reverse: op('drop-index', { index: name, concurrently: true }),
      }),
    );
  }
  return out;
}
