import type { Change } from '../../diff/change.js';
import { place, type Placed } from '../build.js';
import { helperName } from '../names.js';
import { op, type QName } from '../ops.js';

/**
 * Filling a column that is about to become NOT NULL, without leaving a gap: expand installs a
 * trigger that computes the schema's backfill expression for any row written with the column NULL
 * (the running application does not know the column), migrate fills existing rows in batches, and
 * contract drops the trigger just before the column is tightened. Rows written between migrate and
 * contract are therefore filled too.
 */
export function backfillSteps(source: Change, t: QName, column: string, expression: string, batchSize: number): Placed[] {
  const trigger = helperName(`${t.name}_${column}`, '__pgtide_fill');
  const value = { kind: 'sql', text: expression } as const;
  return [
    place('columns', source, op('create-sync-trigger', { table: t, name: trigger, source: column, target: column, value, mode: 'fill', pinTimeZone: false }), {
      reverse: op('drop-sync-trigger', { table: t, name: trigger }),
    }),
    place('backfills', source, op('backfill-column', { table: t, column, value: expression, batchSize }), {
      lock: 'ROW EXCLUSIVE', batch: { size: batchSize, table: t }, reverse: null,
    }),
    place('contract-columns', source, op('drop-sync-trigger', { table: t, name: trigger }), { reverse: null }),
  ];
}
