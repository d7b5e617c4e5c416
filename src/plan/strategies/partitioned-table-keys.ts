import type { AlterChange, Change, CreateChange } from '../../diff/change.js';
import { sameValue } from '../../diff/guard.js';
import { chooseName, nameAddition } from '../../model/naming.js';
import { objectId } from '../../model/ids.js';
import type { ExclusionConstraint, Index, PrimaryKeyConstraint, Table, UniqueConstraint } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import type { Slot } from '../slots.js';
import { keyIndex, needsNotNullFirst } from './keys.js';
import { wasPartition } from './partition-indexes.js';
import { commentIdent, commentQualified } from '../../sql/ident.js';

/**
 * A key of a partitioned table, built the way an index of one is: ON ONLY on the parent (an invalid
 * index, no partition touched), then on each partition its own key, whose unique index is built
 * CONCURRENTLY and adopted with ADD CONSTRAINT … USING INDEX, and attached to the parent's (ALTER
 * INDEX … ATTACH PARTITION). The parent's index becomes valid with the last attach. A plain ADD
 * CONSTRAINT on the parent would build every partition's index under ACCESS EXCLUSIVE instead.
 * The same steps complete a key that was added ON ONLY and lacks some partitions
 * (Constraint.partitionsWithoutKey).
 */

type Key = PrimaryKeyConstraint | UniqueConstraint | ExclusionConstraint;

const isKey = (c: { type: string }): c is Key => c.type === 'primary-key' || c.type === 'unique' || c.type === 'exclusion';
const sameTable = (a: { schema: string; table: string }, b: { schema: string; table: string }): boolean =>
  a.schema === b.schema && a.table === b.table;

/** The name the server gives a partition's clone of a parent key (ChooseRelationName). */
function cloneName(c: Key, partition: string, taken: (name: string) => boolean): string {
  if (c.type === 'primary-key') return chooseName(partition, null, 'pkey', taken);
  if (c.type === 'unique') return chooseName(partition, nameAddition(c.columns), 'key', taken);
  return chooseName(partition, null, 'excl', taken);
}

/** An index of the partition's own that the plan drops and that could back the key as it is. */
function adoptable(ctx: PlanContext, c: Key, p: Table, taken: ReadonlySet<string>): Index | undefined {
  if (c.type === 'exclusion' || p.partitionBy !== undefined) return undefined;
  const wanted = keyIndex(c);
  for (const [id, i] of ctx.from.index) {
    if (i.schema !== p.schema || i.table !== ctx.fromName(p) || ctx.to.index.has(id) || taken.has(id) || i.invalid || i.attachedTo !== undefined) continue;
    if (i.unique && i.method === 'btree' && i.nullsNotDistinct === wanted.nullsNotDistinct && i.where === null
      && i.include.length === 0 && sameValue(i.keys, wanted.keys)) return i;
  }
  return undefined;
}

interface Attach {
  readonly partition: Table;
  /** The partition's key (and its index), named as the server names a clone of the parent's key. */
  readonly name: string;
  /** The partition's unique index the key takes over (USING INDEX renames it), or null to build one. */
  readonly adopts: string | null;
}

/** What the plan does for each partition: computed once, since dropIndex asks which indexes are taken over. */
const memo = new WeakMap<PlanContext, Map<string, Attach[]>>();

function partitionsOf(model: { table: ReadonlyMap<string, Table> }, c: Key): Table[] {
  return [...model.table.values()].filter((t) => t.partitionOf !== undefined && t.partitionOf.schema === c.schema && t.partitionOf.table === c.table);
}

/**
 * The partitions whose key this plan attaches, given those the key lacked before the plan (null: a
 * new key, lacking all). A partition that the plan attaches (ATTACH PARTITION) or creates after the
 * key gets the server's clone; one that is to lack the key is left alone.
 */
function attachTargets(ctx: PlanContext, c: Key, lacking: readonly { schema: string; table: string }[] | null): Table[] {
  const stays = (p: Table): boolean => !(c.partitionsWithoutKey ?? []).some((w) => sameTable(w, { schema: p.schema, table: p.name }));
  // A key made in contract comes after expand's ATTACH PARTITION: those partitions need theirs too.
  const late = ctx.tableDeferred(c.schema, c.table);
  const was = (p: Table): boolean => (ctx.tableExisted(p.schema, p.name)
    ? late || wasPartition(ctx, { schema: p.schema, table: p.name, name: '' })
    : lacking === null);
  const lacked = (p: Table): boolean => lacking === null || lacking.some((w) => sameTable(w, { schema: p.schema, table: ctx.fromName(p) }));
  return partitionsOf(ctx.to, c).filter((p) => stays(p) && was(p) && lacked(p));
}

function plannedAttaches(ctx: PlanContext): Map<string, Attach[]> {
  const known = memo.get(ctx);
  if (known) return known;
  const out = new Map<string, Attach[]>();
  // Names in use once expand's drops ran: an index the plan drops (or a key takes over) frees its name.
  const names = new Set([...ctx.to.index.values(), ...ctx.from.table.values(), ...ctx.to.table.values(), ...ctx.to.constraint.values()]
    .map((o) => `${o.schema}.${o.name}`));
  const adopted = new Set<string>();
  for (const [id, c] of ctx.to.constraint) {
    if (!isKey(c) || ctx.to.table.get(`table:${c.schema}.${c.table}`)?.partitionBy === undefined) continue;
    const current = ctx.from.constraint.get(id);
    let targets: Table[];
    if (current === undefined || ctx.constraintCreated(id)) {
      // A primary key ON ONLY needs its columns NOT NULL already: the server refuses it, or wants ONLY off.
      if (c.partitionsWithoutKey === undefined && (!ctx.tableExisted(c.schema, c.table) || needsNotNullFirst(c, ctx))) continue;
      targets = attachTargets(ctx, c, null);
    } else {
      if (!isKey(current) || current.partitionsWithoutKey === undefined) continue;
      targets = attachTargets(ctx, c, current.partitionsWithoutKey);
    }
    out.set(id, targets.map((p) => {
      const own = adoptable(ctx, c, p, adopted);
      if (own !== undefined) adopted.add(objectId(own));
      const name = cloneName(c, p.name, (n) => names.has(`${p.schema}.${n}`));
      names.add(`${p.schema}.${name}`);
      return { partition: p, name, adopts: own?.name ?? null };
    }));
  }
  memo.set(ctx, out);
  return out;
}

/** The partition's index, now dropped by the plan, that a parent key takes over instead. */
export function adoptedByParentKey(ctx: PlanContext, indexId: string): boolean {
  for (const attaches of plannedAttaches(ctx).values()) {
    if (attaches.some((a) => a.adopts !== null && `index:${a.partition.schema}.${a.adopts}` === indexId)) return true;
  }
  return false;
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
  const attaches = isKey(c) ? plannedAttaches(ctx).get(change.id) : undefined;
  if (!isKey(c) || attaches === undefined) return null;
  return [
    place(slot, change, op('add-constraint', { constraint: c, notValid: false, only: true }), {
      reverse: op('drop-constraint', { table: qname(c.schema, c.table), name: c.name }),
    }),
    ...attaches.flatMap((a) => partitionSteps(change, c, a, slot)),
  ];
}

/** A key added ON ONLY that is now wanted on partitions it lacks: their keys are made and attached. */
export function completePartitionedTableKey(change: AlterChange<'constraint'>, ctx: PlanContext, slot: Slot): Placed[] {
  if (!(change.fields as readonly string[]).includes('partitionsWithoutKey') || !isKey(change.to)) return [];
  const attaches = plannedAttaches(ctx).get(objectId(change.to)) ?? [];
  return attaches.flatMap((a) => partitionSteps(change, change.to as Key, a, slot));
}
