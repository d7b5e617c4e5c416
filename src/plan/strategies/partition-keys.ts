import type { AlterChange, Change, CreateChange, DropChange } from '../../diff/change.js';
import { ExitCode, PgtideError } from '../../errors.js';
import { objectId } from '../../model/ids.js';
import type { Constraint, ExclusionConstraint, Index, PrimaryKeyConstraint, UniqueConstraint } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import { createKeyOnline } from './keys.js';
import { attachedByServer, attachStep, parentIndexId, staysPartition, tableOf } from './partition-indexes.js';
import { wasPartition } from '../../resolve/partition-keys.js';
import { commentIdent, commentQualified } from '../../sql/ident.js';

/**
 * A partition's key constraint of its own whose index is attached to a plain partitioned index of
 * the parent table (Constraint.attachedTo). The server refuses to drop the constraint while its
 * index is attached, and refuses to drop the parent index while the constraint needs the attached
 * index; DROP INDEX … CASCADE on the parent index is the one statement that takes both (a key that
 * is to stay is added again). The parent index adopts such a key when it is created, and ATTACH
 * PARTITION does too.
 */

type KeyConstraint = PrimaryKeyConstraint | UniqueConstraint | ExclusionConstraint;

const isKey = (c: Constraint): c is KeyConstraint => c.type === 'primary-key' || c.type === 'unique' || c.type === 'exclusion';
const columnSet = (columns: readonly string[]): string => [...columns].sort().join('\u0000');

/** The partitions' keys (as they are now) whose indexes are attached to this parent index. */
function keysAttachedTo(ctx: PlanContext, i: Index): KeyConstraint[] {
  const keys: KeyConstraint[] = [];
  for (const c of ctx.from.constraint.values()) {
    if (!isKey(c) || c.attachedTo !== i.name) continue;
    const parent = tableOf(ctx.from, c)?.partitionOf;
    if (parent !== undefined && parent.schema === i.schema && parent.table === i.table) keys.push(c);
  }
  return keys;
}

/**
 * The keys the CASCADE takes that are to stay, as they are wanted: they are added again. One that
 * is to be detached (or renamed) cannot be.
 */
function keysToRestore(ctx: PlanContext, i: Index, keys: readonly KeyConstraint[]): { key: KeyConstraint; parent: string }[] {
  return keys.filter((c) => !ctx.constraintDropped(objectId(c))).map((c) => {
    const wanted = ctx.to.constraint.get(objectId(c));
    if (wanted === undefined || !isKey(wanted) || wanted.attachedTo === undefined) {
      throw new PgtideError(`index ${i.schema}.${i.name} cannot be dropped while ${c.schema}.${c.table}.${c.name} stays: its index is attached to it, and PostgreSQL drops the two together; drop the key too, or detach the partition`, ExitCode.usage);
    }
    return { key: wanted, parent: wanted.attachedTo };
  });
}

/** Refuses a CASCADE that would take a foreign key relying on the parent index or one of the keys. */
function assertNoForeignKeyTaken(ctx: PlanContext, i: Index, keys: readonly KeyConstraint[]): void {
  const relied = new Set([
    `${i.schema}.${i.table}\u0000${columnSet(i.keys.map((k) => k.column ?? ''))}`,
    ...keys.flatMap((c) => (c.type === 'exclusion' ? [] : [`${c.schema}.${c.table}\u0000${columnSet(c.columns)}`])),
  ]);
  for (const fk of ctx.from.constraint.values()) {
    if (fk.type !== 'foreign-key' || ctx.constraintDropped(objectId(fk))) continue;
    if (relied.has(`${fk.references.schema}.${fk.references.table}\u0000${columnSet(fk.references.columns)}`)) {
      throw new PgtideError(`index ${i.schema}.${i.name} cannot be dropped with the partition keys attached to it while foreign key ${fk.schema}.${fk.table}.${fk.name} relies on them`, ExitCode.usage);
    }
  }
}

/**
 * A parent index that partitions' keys are attached to: DROP INDEX … CASCADE, which takes those keys
 * (their own drops are left out). Null when no key is attached to it.
 */
export function dropParentOfKeys(change: DropChange<'index'>, ctx: PlanContext): Placed[] | null {
  const i = change.from;
  const keys = keysAttachedTo(ctx, i);
  if (keys.length === 0) return null;
  const restored = keysToRestore(ctx, i, keys);
  assertNoForeignKeyTaken(ctx, i, keys);
  const names = keys.map((c) => commentQualified(c.table, c.name)).join(', ');
  const restoring = restored.flatMap(({ key, parent }) => addAttachedKey(change, key, parent, ctx, () => createKeyPlain(change, key, ctx)));
  return [...restoring, place('drop-indexes', change, op('drop-index', { index: qname(i.schema, i.name), concurrently: false, cascade: true }), {
    hazards: [
      hazard('blocking-lock', 'medium', `DROP INDEX ${commentIdent(i.name)} locks partitioned table ${commentQualified(i.schema, i.table)} and its partitions`),
      hazard('breaking', 'medium', `DROP INDEX ${commentIdent(i.name)} CASCADE also drops ${names}, whose indexes are attached to it: until the keys the plan adds are in place, nothing enforces them`),
    ],
    reverse: null,
  })];
}

/**
 * An attached key to drop: it goes with its parent index (see above) or, once DETACH PARTITION made
 * its index the table's own, is dropped after the detach. Null: not an attached key.
 */
export function dropAttachedKey(change: DropChange<'constraint'>, ctx: PlanContext): Placed[] | null {
  const c = change.from;
  if (!isKey(c) || c.attachedTo === undefined) return null;
  const parentId = parentIndexId(ctx.from, c, c.attachedTo);
  if (parentId !== null && ctx.indexDropped(parentId)) return [];
  if (staysPartition(ctx, c)) {
    throw new PgtideError(`constraint ${c.name} on ${c.schema}.${c.table} cannot be dropped on its own: its index is attached to ${c.attachedTo}; drop that index or detach the partition`, ExitCode.usage);
  }
  // 'constraints' runs after 'detach-tables'.
  return [place('constraints', change, op('drop-constraint', { table: qname(c.schema, c.table), name: c.name }), { reverse: null })];
}

/** A key added the ordinary way: online where it can be (a PRIMARY KEY or UNIQUE on a table that exists). */
function createKeyPlain(source: Change, c: KeyConstraint, ctx: PlanContext): Placed[] {
  if (c.type !== 'exclusion' && ctx.tableExisted(c.schema, c.table)) return createKeyOnline(source, c, ctx);
  return [addInFull(source, c, ctx)];
}

/** ADD CONSTRAINT, which builds the key's index under ACCESS EXCLUSIVE on a table that exists. */
function addInFull(source: Change, c: KeyConstraint, ctx: PlanContext): Placed {
  const existing = ctx.tableExisted(c.schema, c.table);
  return place('constraints', source, op('add-constraint', { constraint: c, notValid: false }), {
    hazards: existing ? [hazard('blocking-lock', 'high', `adding ${commentIdent(c.name)} builds its index on ${commentQualified(c.schema, c.table)} under ACCESS EXCLUSIVE: reads and writes wait until it is done`)] : [],
    ...(existing ? { lock: 'ACCESS EXCLUSIVE', rewrites: 'scan' } as const : {}),
    reverse: op('drop-constraint', { table: qname(c.schema, c.table), name: c.name }),
  });
}

/**
 * A key to add attached to `parentName`. A parent index created by the plan adopts it, so the key
 * comes first, in full (the parent's CREATE INDEX runs in 'indexes', where an online build would
 * race it); a partition attached by the plan adopts it at ATTACH PARTITION; on a partition that
 * stays, the key is added as any other and its index attached. A new partition gets an index of
 * the parent's from the server at CREATE TABLE, which the key could not be added over: refused.
 */
function addAttachedKey(source: Change, c: KeyConstraint, parentName: string, ctx: PlanContext, plain: () => Placed[]): Placed[] {
  const parentId = parentIndexId(ctx.to, c, parentName);
  if (parentId !== null && ctx.indexCreated(parentId)) return [addInFull(source, c, ctx)];
  if (!ctx.tableExisted(c.schema, c.table)) {
    throw new PgtideError(`constraint ${c.name} on new partition ${c.schema}.${c.table} cannot be attached to the existing index ${parentName}: the partition gets an index of that index's from PostgreSQL when it is created`, ExitCode.usage);
  }
  return wasPartition(ctx.resolved, c) ? [...plain(), attachStep(source, c, parentName, ctx)] : plain();
}

/** An attached key to add (see addAttachedKey). Null when the key is not attached (the plain strategy applies). */
export function createAttachedKey(change: CreateChange<'constraint'>, ctx: PlanContext, plain: () => Placed[]): Placed[] | null {
  const c = change.to;
  if (!isKey(c) || c.attachedTo === undefined) return null;
  return addAttachedKey(change, c, c.attachedTo, ctx, plain);
}

/**
 * A key whose attachment changes while it stays: attaching can be said (ALTER INDEX … ATTACH
 * PARTITION) unless the server does it; detaching happens only with DETACH PARTITION.
 */
export function alterKeyAttachment(change: AlterChange<'constraint'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  if (!isKey(from) || !isKey(to) || from.attachedTo === to.attachedTo) return [];
  // taken by DROP INDEX … CASCADE and added again, attached as wanted (dropParentOfKeys)
  const fromParent = from.attachedTo === undefined ? null : parentIndexId(ctx.from, from, from.attachedTo);
  if (fromParent !== null && ctx.indexDropped(fromParent)) return [];
  if (from.attachedTo !== undefined && wasPartition(ctx.resolved, to)) {
    throw new PgtideError(`constraint ${to.name} on ${to.schema}.${to.table} cannot be detached from ${from.attachedTo}: PostgreSQL detaches a partition's indexes only with the partition`, ExitCode.usage);
  }
  if (to.attachedTo === undefined || attachedByServer(ctx, to, to.attachedTo)) return [];
  return [attachStep(change, to, to.attachedTo, ctx)];
}
