import type { Change } from '../../diff/change.js';
import { hazard, place, shareHazards, type Placed } from '../build.js';
import { op, type QName } from '../ops.js';
import type { Slot } from '../slots.js';
import { helperName } from '../names.js';
import { commentQualified } from '../../sql/ident.js';

/**
 * SET NOT NULL without a long ACCESS EXCLUSIVE scan: a `CHECK (c IS NOT NULL) NOT VALID` is added
 * (brief lock, no scan), VALIDATEd (a scan under SHARE UPDATE EXCLUSIVE, which lets reads and writes
 * through), then SET NOT NULL finds the valid check and skips its own scan (PostgreSQL 12+), and the
 * check, now redundant, is dropped. The four steps share their hazard so the gate keeps them together.
 * SET NOT NULL cannot name the constraint it makes (PostgreSQL 18): a `name` other than the default
 * is given by a rename after it.
 */
export function onlineSetNotNull(
  source: Change, t: QName, column: string, slot: Slot = 'contract-columns', name?: string,
): Placed[] {
  const check = helperName(`${t.name}_${column}`, '__pgtide_nn');
  const scan = hazard('validation-scan', 'medium',
    `validating NOT NULL on ${commentQualified(t.schema, t.name, column)} scans the table (reads and writes continue); fails if NULLs remain`);
  return shareHazards([
    place(slot, source, op('add-not-null-check', { table: t, column, name: check }), {
      reverse: op('drop-constraint', { table: t, name: check }),
    }),
    place(slot, source, op('validate-constraint', { table: t, name: check }), {
      hazards: [scan], rewrites: 'scan', reverse: null,
    }),
    place(slot, source, op('set-not-null', { table: t, column }), {
      reverse: op('drop-not-null', { table: t, column }),
    }),
    place(slot, source, op('drop-constraint', { table: t, name: check }), { reverse: null }),
    ...(name === undefined ? [] : [nameNotNull(source, t, column, name, null, slot)]),
  ]);
}

/**
 * Renames the column's NOT NULL constraint to `name` (on PostgreSQL 18+), back to `previous` in down.sql.
 * `detachFor` allows the rename of a partition's inherited constraint by detaching and re-attaching
 * the partition: ACCESS EXCLUSIVE on the parent while ATTACH scans the partition for its bound. Its
 * `referencedBy` lists the foreign keys to the parent that the hazard names.
 */
export function nameNotNull(
  source: Change, t: QName, column: string, name: string, previous: string | null, slot: Slot,
  detachFor: { readonly referencedBy: readonly string[] } | null = null,
): Placed {
  const detach = detachFor !== null;
  // DETACH PARTITION refuses while rows elsewhere reference the partition's rows through a foreign key to its parent.
  const keys = detachFor === null || detachFor.referencedBy.length === 0 ? ''
    : `; it fails (and changes nothing) while rows reference the partition's rows through ${detachFor.referencedBy.join(', ')}`;
  const hazards = detach
    ? [hazard('blocking-lock', 'high',
      `renaming the inherited NOT NULL constraint of partition ${commentQualified(t.schema, t.name, column)} detaches and re-attaches the partition: ACCESS EXCLUSIVE on its parent while the partition is scanned${keys}`)]
    : [];
  return place(slot, source, op('name-not-null', { table: t, column, name, detach }), {
    hazards, rewrites: detach ? 'scan' : 'none',
    reverse: previous === null ? null : op('name-not-null', { table: t, column, name: previous, detach }),
  });
}
