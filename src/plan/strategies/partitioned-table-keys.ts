import type { AlterChange, Change, CreateChange } from '../../diff/change.js';
import { objectId } from '../../model/ids.js';
import { isPartitionKey, keyIndex, type PartitionKey, type PartitionKeyAttach } from '../../resolve/partition-keys.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import type { Slot } from '../slots.js';
import { commentIdent, commentQualified } from '../../sql/ident.js';

/**
 * A key of a partitioned table (which partitions, names and adopted indexes: resolve/partition-keys.ts), built the way an index of one is: ON ONLY on the parent (an invalid
 * index, no partition touched), then on each partition its own key, whose unique index is built
 * CONCURRENTLY and adopted with ADD CONSTRAINT … USING INDEX, and attached to the parent's (ALTER
 * INDEX … ATTACH PARTITION). The parent's index becomes valid with the last attach. A plain ADD
 * CONSTRAINT on the parent would build every partition's index under ACCESS EXCLUSIVE instead.
 * The same steps complete a key that was added ON ONLY and lacks some partitions
 * (Constraint.partitionsWithoutKey).
 */

type Key = PartitionKey;
type Attach = PartitionKeyAttach;

/** The partition's index, now dropped by the plan, that a parent key takes over instead. */
export function adoptedByParentKey(ctx: PlanContext, indexId: string): boolean {
  return ctx.resolved.adoptedIndexes.has(indexId);
}

/**
 * All in the key's own slot ('constraints'), before 'indexes': a new partitioned index made there
 * would otherwise adopt a partition's unique index built here before it is attached.
 */
function partitionSteps(change: Change, c: Key, a: Attach, slot: Slot): Placed[] {
  const p = a.partition;
  // the partition's own key: not attached elsewhere, lacking nothing
  const { partitionsWithoutKey: _lacking, attachedTo: _attached, ...own } = c;
  const key: Key = { ...own, schema: p.schema, table: p.name, name: a.name, comment: null };
  const attach = place(slot, change, op('attach-index', { parent: qname(c.schema, c.name), index: qname(p.schema, a.name) }), { reverse: null });
  // An exclusion constraint, or a partition partitioned in turn, has no CONCURRENTLY form: plain ADD.
  if (key.type === 'exclusion' || p.partitionBy !== undefined) {
    return [place(slot, change, op('add-constraint', { constraint: key, notValid: false }), {
      hazards: [hazard('blocking-lock', 'high', `adding ${commentIdent(c.name)} to partition ${commentQualified(p.schema, p.name)} builds its index under ACCESS EXCLUSIVE: reads and writes of the partition wait until it is done`)],
      lock: 'ACCESS EXCLUSIVE',
      rewrites: 'scan',
      reverse: null,
    }), attach];
  }
  const build = a.adopts !== null ? [] : [place(slot, change, op('create-index', { index: { ...keyIndex(key), name: a.name }, concurrently: true }), {
    hazards: [hazard('non-transactional', 'low', `CREATE UNIQUE INDEX CONCURRENTLY ${commentIdent(a.name)} on partition ${commentQualified(p.schema, p.name)} runs outside a transaction; fails if existing rows are not unique`)],
    lock: 'SHARE UPDATE EXCLUSIVE',
    transactional: false,
    rewrites: 'scan',
    reverse: null,
  })];
  return [
    ...build,
    place(slot, change, op('add-constraint-using-index', { constraint: key, index: a.adopts ?? a.name }), { reverse: null }),
    attach,
  ];
}

/**
 * A new key on a partitioned table that exists (or one declared ON ONLY): added ON ONLY and
 * completed partition by partition. Null when the table is new (ADD CONSTRAINT makes every
 * partition's key at once, on empty tables) and for a primary key over columns not yet NOT NULL.
 */
export function createPartitionedTableKey(change: CreateChange<'constraint'>, ctx: PlanContext, slot: Slot): Placed[] | null {
  const c = change.to;
  const attaches = isPartitionKey(c) ? ctx.resolved.partitionKeyAttaches.get(change.id) : undefined;
  if (!isPartitionKey(c) || attaches === undefined) return null;
  return [
    place(slot, change, op('add-constraint', { constraint: c, notValid: false, only: true }), {
      reverse: op('drop-constraint', { table: qname(c.schema, c.table), name: c.name }),
    }),
    ...attaches.flatMap((a) => partitionSteps(change, c, a, slot)),
  ];
}

/** A key added ON ONLY that is now wanted on partitions it lacks: their keys are made and attached. */
export function completePartitionedTableKey(change: AlterChange<'constraint'>, ctx: PlanContext, slot: Slot): Placed[] {
  if (!(change.fields as readonly string[]).includes('partitionsWithoutKey') || !isPartitionKey(change.to)) return [];
  const attaches = ctx.resolved.partitionKeyAttaches.get(objectId(change.to)) ?? [];
  return attaches.flatMap((a) => partitionSteps(change, change.to as Key, a, slot));
}
