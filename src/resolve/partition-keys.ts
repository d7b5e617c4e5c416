import { sameValue } from '../diff/guard.js';
import { chooseName, nameAddition } from '../model/naming.js';
import { objectId, relationId } from '../model/ids.js';
import type { Constraint, ExclusionConstraint, Index, PrimaryKeyConstraint, Table, UniqueConstraint } from '../model/types.js';
import { currentName, fromName, tableDeferred, tableExisted, type ChangeFacts } from './facts.js';

/**
 * A key of a partitioned table is built the way an index of one is: ON ONLY on the parent, then on
 * each partition its own key, attached to the parent's (plan/strategies/partitioned-table-keys.ts).
 * Which partitions get one, under which name, and which existing index each adopts is decided here,
 * once for the whole plan: the names depend on each other, and dropIndex asks which indexes are taken over.
 */

export type PartitionKey = PrimaryKeyConstraint | UniqueConstraint | ExclusionConstraint;

export const isPartitionKey = (c: { type: string }): c is PartitionKey => c.type === 'primary-key' || c.type === 'unique' || c.type === 'exclusion';
const sameTable = (a: { schema: string; table: string }, b: { schema: string; table: string }): boolean =>
  a.schema === b.schema && a.table === b.table;

/** The unique index a PRIMARY KEY or UNIQUE constraint would build, under the constraint's name. */
export function keyIndex(c: PrimaryKeyConstraint | UniqueConstraint): Index {
  return Object.freeze({
    kind: 'index',
    schema: c.schema,
    table: c.table,
    name: c.name,
    unique: true,
    nullsNotDistinct: c.type === 'unique' ? c.nullsNotDistinct : false,
    method: 'btree',
    keys: c.columns.map((column) => ({ column, expression: null, opclass: null, collation: null, descending: false, nullsFirst: false })),
    include: [],
    where: null,
    with: [],
    comment: null,
  });
}

/** PRIMARY KEY on columns that are nullable now: adopting the index would SET NOT NULL with a scan. */
export function needsNotNullFirst(c: Constraint, f: ChangeFacts): boolean {
  if (c.type !== 'primary-key') return false;
  const table = [...f.from.table.values()].find((t) => t.schema === c.schema && currentName(f, t) === c.table);
  if (table === undefined) return false;
  return c.columns.some((name) => table.columns.find((col) => col.name === name)?.notNull === false);
}

/** The partition was a partition of the same parent before the migration (no ATTACH in this plan). */
export function wasPartition(f: ChangeFacts, i: { readonly schema: string; readonly table: string }): boolean {
  const now = f.to.table.get(relationId('table', i.schema, i.table))?.partitionOf;
  const before = [...f.from.table.values()].find((t) => t.schema === i.schema && currentName(f, t) === i.table)?.partitionOf;
  return now !== undefined && before !== undefined && before.schema === now.schema && before.table === now.table;
}

/** The name the server gives a partition's clone of a parent key (ChooseRelationName). */
function cloneName(c: PartitionKey, partition: string, taken: (name: string) => boolean): string {
  if (c.type === 'primary-key') return chooseName(partition, null, 'pkey', taken);
  if (c.type === 'unique') return chooseName(partition, nameAddition(c.columns), 'key', taken);
  return chooseName(partition, null, 'excl', taken);
}

/** An index of the partition's own that the plan drops and that could back the key as it is. */
function adoptable(f: ChangeFacts, c: PartitionKey, p: Table, taken: ReadonlySet<string>): Index | undefined {
  if (c.type === 'exclusion' || p.partitionBy !== undefined) return undefined;
  const wanted = keyIndex(c);
  for (const [id, i] of f.from.index) {
    if (i.schema !== p.schema || i.table !== fromName(f, p) || f.to.index.has(id) || taken.has(id) || i.invalid || i.attachedTo !== undefined) continue;
    if (i.unique && i.method === 'btree' && i.nullsNotDistinct === wanted.nullsNotDistinct && i.where === null
      && i.include.length === 0 && sameValue(i.keys, wanted.keys)) return i;
  }
  return undefined;
}

export interface PartitionKeyAttach {
  readonly partition: Table;
  /** The partition's key (and its index), named as the server names a clone of the parent's key. */
  readonly name: string;
  /** The partition's unique index the key takes over (USING INDEX renames it), or null to build one. */
  readonly adopts: string | null;
}

function partitionsOf(model: { table: ReadonlyMap<string, Table> }, c: PartitionKey): Table[] {
  return [...model.table.values()].filter((t) => t.partitionOf !== undefined && t.partitionOf.schema === c.schema && t.partitionOf.table === c.table);
}

/**
 * The partitions whose key this plan attaches, given those the key lacked before the plan (null: a
 * new key, lacking all). A partition that the plan attaches (ATTACH PARTITION) or creates after the
 * key gets the server's clone; one that is to lack the key is left alone.
 */
function attachTargets(f: ChangeFacts, c: PartitionKey, lacking: readonly { schema: string; table: string }[] | null): Table[] {
  const stays = (p: Table): boolean => !(c.partitionsWithoutKey ?? []).some((w) => sameTable(w, { schema: p.schema, table: p.name }));
  // A key made in contract comes after expand's ATTACH PARTITION: those partitions need theirs too.
  const late = tableDeferred(f, c.schema, c.table);
  const was = (p: Table): boolean => (tableExisted(f, p.schema, p.name)
    ? late || wasPartition(f, { schema: p.schema, table: p.name })
    : lacking === null);
  const lacked = (p: Table): boolean => lacking === null || lacking.some((w) => sameTable(w, { schema: p.schema, table: fromName(f, p) }));
  return partitionsOf(f.to, c).filter((p) => stays(p) && was(p) && lacked(p));
}

/** For each key (by id) of a partitioned table that the plan completes partition by partition: what each partition gets. */
export function partitionKeyAttaches(f: ChangeFacts): ReadonlyMap<string, readonly PartitionKeyAttach[]> {
  const out = new Map<string, PartitionKeyAttach[]>();
  // Names in use once expand's drops ran: an index the plan drops (or a key takes over) frees its name.
  // Gathered only when a key of a partitioned table is completed (most plans have none).
  let taken: Set<string> | undefined;
  const inUse = (): Set<string> => (taken ??= new Set([...f.to.index.values(), ...f.from.table.values(), ...f.to.table.values(), ...f.to.constraint.values()]
    .map((o) => `${o.schema}.${o.name}`)));
  const adopted = new Set<string>();
  for (const [id, c] of f.to.constraint) {
    if (!isPartitionKey(c) || f.to.table.get(relationId('table', c.schema, c.table))?.partitionBy === undefined) continue;
    const current = f.from.constraint.get(id);
    let targets: Table[];
    if (current === undefined || f.createdConstraints.has(id)) {
      // A primary key ON ONLY needs its columns NOT NULL already: the server refuses it, or wants ONLY off.
      if (c.partitionsWithoutKey === undefined && (!tableExisted(f, c.schema, c.table) || needsNotNullFirst(c, f))) continue;
      targets = attachTargets(f, c, null);
    } else {
      if (!isPartitionKey(current) || current.partitionsWithoutKey === undefined) continue;
      targets = attachTargets(f, c, current.partitionsWithoutKey);
    }
    const names = inUse();
    out.set(id, targets.map((p) => {
      const own = adoptable(f, c, p, adopted);
      if (own !== undefined) adopted.add(objectId(own));
      const name = cloneName(c, p.name, (n) => names.has(`${p.schema}.${n}`));
      names.add(`${p.schema}.${name}`);
      return { partition: p, name, adopts: own?.name ?? null };
    }));
  }
  return out;
}

/** The partitions' indexes, dropped by the plan, that a parent key takes over instead (by index id). */
export function adoptedIndexes(attaches: ReadonlyMap<string, readonly PartitionKeyAttach[]>): ReadonlySet<string> {
  const out = new Set<string>();
  for (const list of attaches.values()) {
    for (const a of list) if (a.adopts !== null) out.add(relationId('index', a.partition.schema, a.adopts));
  }
  return out;
}
