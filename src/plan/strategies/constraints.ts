import type { AlterChange, CreateChange, DropChange, RenameChange } from '../../diff/change.js';
import { relationId } from '../../model/ids.js';
import type { Constraint, ExclusionConstraint } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type Op } from '../ops.js';
import type { Slot } from '../slots.js';
import { commentStep } from './comments.js';
import { createKeyOnline } from './keys.js';
import { alterKeyAttachment, createAttachedKey, dropAttachedKey } from './partition-keys.js';
import { completePartitionedTableKey, createPartitionedTableKey } from './partitioned-table-keys.js';
import { commentIdent, commentQualified } from '../../sql/ident.js';

function createSlot(c: Constraint, ctx: PlanContext): Slot {
  const fk = c.type === 'foreign-key';
  const deferred = ctx.tableDeferred(c.schema, c.table)
    || (c.type === 'foreign-key' && ctx.tableDeferred(c.references.schema, c.references.table));
  if (deferred) return fk ? 'contract-foreign-keys' : 'contract-constraints';
  return fk ? 'foreign-keys' : 'constraints';
}

/** VALIDATE CONSTRAINT: a scan under SHARE UPDATE EXCLUSIVE that lets reads and writes through. */
function validateStep(change: CreateChange<'constraint'> | AlterChange<'constraint'>, c: Constraint, slot: Slot): Placed {
  return place(slot, change, op('validate-constraint', { table: qname(c.schema, c.table), name: c.name }), {
    hazards: [hazard('validation-scan', 'medium', `validating ${commentIdent(c.name)} scans ${commentQualified(c.schema, c.table)}; fails if existing rows violate it`)],
    rewrites: 'scan',
    reverse: null,
  });
}

/**
 * An exclusion constraint has no online form: its index cannot be built CONCURRENTLY and attached,
 * nor can it be added NOT VALID. ADD CONSTRAINT builds the index and checks every row while holding
 * ACCESS EXCLUSIVE, so reads and writes of the table wait for the whole build.
 */
function addExclusion(change: CreateChange<'constraint'>, c: ExclusionConstraint, slot: Slot, drop: Op): Placed {
  const table = commentQualified(c.schema, c.table);
  return place(slot, change, op('add-constraint', { constraint: c, notValid: false }), {
    hazards: [
      hazard('blocking-lock', 'high', `adding exclusion constraint ${commentIdent(c.name)} builds its index on ${table} under ACCESS EXCLUSIVE: reads and writes wait until it is done`),
      hazard('validation-scan', 'medium', `adding exclusion constraint ${commentIdent(c.name)} checks every row of ${table}; fails if existing rows conflict`),
    ],
    lock: 'ACCESS EXCLUSIVE',
    rewrites: 'scan',
    reverse: drop,
  });
}

/**
 * On a table that already has rows, foreign keys and checks are added NOT VALID (a brief lock) and
 * validated separately (a scan that lets reads and writes through); on a new table, directly.
 */
export function createConstraint(change: CreateChange<'constraint'>, ctx: PlanContext): Placed[] {
  return createAttachedKey(change, ctx, () => createOwnConstraint(change, ctx)) ?? createOwnConstraint(change, ctx);
}

function createOwnConstraint(change: CreateChange<'constraint'>, ctx: PlanContext): Placed[] {
  const c = change.to;
  const t = qname(c.schema, c.table);
  const slot = createSlot(c, ctx);
  // A partitioned table takes neither NOT VALID foreign keys nor keys built CONCURRENTLY: plain ADD.
  const existing = ctx.tableExisted(c.schema, c.table) && ctx.to.table.get(relationId('table', c.schema, c.table))?.partitionBy === undefined;
  const drop = op('drop-constraint', { table: t, name: c.name });
  const comment = commentStep(change, { on: 'constraint', table: t, name: c.name }, null, c.comment,
    slot.startsWith('contract') ? 'contract-comments' : 'comments');
  if ((c.type === 'foreign-key' || c.type === 'check') && (existing || c.notValid)) {
    // a constraint declared NOT VALID stays so: it is added without a scan and never validated here
    const validate = c.notValid ? [] : [validateStep(change, c, slot)];
    return [
      place(slot, change, op('add-constraint', { constraint: c, notValid: true }), {
        lock: c.type === 'foreign-key' ? 'SHARE ROW EXCLUSIVE' : 'ACCESS EXCLUSIVE', reverse: drop,
      }),
      ...validate,
      ...comment,
    ];
  }
  if (existing && (c.type === 'primary-key' || c.type === 'unique')) {
    return [...createKeyOnline(change, c, ctx), ...comment];
  }
  const partitioned = createPartitionedTableKey(change, ctx, slot);
  if (partitioned !== null) return [...partitioned, ...comment];
  // a partitioned table's partitions are scanned all the same
  if (c.type === 'exclusion' && ctx.tableExisted(c.schema, c.table)) return [addExclusion(change, c, slot, drop), ...comment];
  // A primary key the server refuses ON ONLY (its columns are not NOT NULL yet) builds on every partition at once.
  const blocking = (c.type === 'primary-key' || c.type === 'unique') && ctx.tableExisted(c.schema, c.table)
    ? [hazard('blocking-lock', 'high', `adding ${commentIdent(c.name)} builds its index on every partition of ${commentQualified(c.schema, c.table)} under ACCESS EXCLUSIVE: reads and writes wait until it is done`)]
    : [];
  return [
    place(slot, change, op('add-constraint', { constraint: c, notValid: false }), {
      hazards: blocking, ...(blocking.length > 0 ? { lock: 'ACCESS EXCLUSIVE', rewrites: 'scan' } : {}), reverse: drop,
    }),
    ...comment,
  ];
}

/**
 * Constraints of a dropped table go with it, in contract; except a foreign key whose referenced key
 * or columns the plan drops or retypes before then, which is dropped with the other foreign keys in
 * expand. Other constraints are dropped first, foreign keys before keys.
 */
export function dropConstraint(change: DropChange<'constraint'>, ctx: PlanContext): Placed[] {
  const c = change.from;
  if (ctx.tableDropped(c.schema, c.table)) {
    if (c.type !== 'foreign-key' || !ctx.referencedKeyChanges(c)) return [];
    const ref = c.references;
    return [place('drop-foreign-keys', change, op('drop-constraint', { table: qname(c.schema, c.table), name: c.name }), {
      hazards: [hazard('breaking', 'low', `foreign key ${commentIdent(c.name)} of ${commentQualified(c.schema, c.table)} (dropped in contract) goes in expand, as ${commentQualified(ref.schema, ref.table)}'s key changes: the old application version's writes to ${commentIdent(c.table)} are no longer checked against it`)],
      reverse: op('add-constraint', { constraint: c, notValid: false }),
    })];
  }
  const attached = dropAttachedKey(change, ctx);
  if (attached !== null) return attached;
  const slot: Slot = c.type === 'foreign-key' ? 'drop-foreign-keys' : 'drop-constraints';
  return [place(slot, change, op('drop-constraint', { table: qname(c.schema, c.table), name: c.name }), {
    reverse: op('add-constraint', { constraint: c, notValid: false }),
  })];
}

export function renameConstraint(change: RenameChange<'constraint'>): Placed[] {
  const { from, to } = change;
  const t = qname(to.schema, to.table);
  return [place('renames', change, op('rename-constraint', { table: t, name: from.name, newName: to.name }), {
    reverse: op('rename-constraint', { table: t, name: to.name, newName: from.name }),
  })];
}

/**
 * In place: the comment, a NOT VALID constraint that is now wanted validated (the differ re-creates
 * one that goes the other way), a partition key's attachment to its parent's index, and a
 * partitioned table's key added ON ONLY that is now wanted on more partitions.
 */
export function alterConstraint(change: AlterChange<'constraint'>, ctx: PlanContext): Placed[] {
  const c = change.to;
  const validate = (change.fields as readonly string[]).includes('notValid') && !('notValid' in c && c.notValid)
    ? [validateStep(change, c, createSlot(c, ctx))]
    : [];
  return [
    ...validate,
    ...alterKeyAttachment(change, ctx),
    ...completePartitionedTableKey(change, ctx, createSlot(c, ctx)),
    ...commentStep(change, { on: 'constraint', table: qname(c.schema, c.table), name: c.name }, change.from.comment, c.comment),
  ];
}
