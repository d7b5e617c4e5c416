import type { Change } from '../../diff/change.js';
import { hazard, place, shareHazards, type Placed } from '../build.js';
import { op, type QName } from '../ops.js';
import type { Slot } from '../slots.js';
import { helperName } from '../names.js';

/**
 * SET NOT NULL without a long ACCESS EXCLUSIVE scan: a `CHECK (c IS NOT NULL) NOT VALID` is added
 * (brief lock, no scan), VALIDATEd (a scan under SHARE UPDATE EXCLUSIVE, which lets reads and writes
 * through), then SET NOT NULL finds the valid check and skips its own scan (PostgreSQL 12+), and the
 * check, now redundant, is dropped. The four steps share their hazard so the gate keeps them together.
 */
export function onlineSetNotNull(source: Change, t: QName, column: string, slot: Slot = 'contract-columns'): Placed[] {
  const name = helperName(`${t.name}_${column}`, '__pgtide_nn');
  const scan = hazard('validation-scan', 'medium',
    `validating NOT NULL on ${t.schema}.${t.name}.${column} scans the table (reads and writes continue); fails if NULLs remain`);
  return shareHazards([
    place(slot, source, op('add-not-null-check', { table: t, column, name }), {
      reverse: op('drop-constraint', { table: t, name }),
    }),
    place(slot, source, op('validate-constraint', { table: t, name }), {
      hazards: [scan], rewrites: 'scan', reverse: null,
    }),
    place(slot, source, op('set-not-null', { table: t, column }), {
      reverse: op('drop-not-null', { table: t, column }),
    }),
    place(slot, source, op('drop-constraint', { table: t, name }), { reverse: null }),
  ]);
}
