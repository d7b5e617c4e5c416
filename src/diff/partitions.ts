import { columnId } from '../model/ids.js';
import type { Model, Table } from '../model/types.js';
import type { Change } from './change.js';

/**
 * A partition takes its columns from its parent, but may be stricter: NOT NULL on a partition's
 * column (stated, or set by a primary key of the partition's own) when the parent's column allows
 * NULL. For a table that is a partition on both sides that is the one column property compared.
 * The parent's own SET / DROP NOT NULL reaches its partitions, so a partition's column only changes
 * where the value it will have after the parent's change differs from the desired one.
 */
export function diffPartitionColumns(current: Table, desired: Table, from: Model, to: Model): Change[] {
  if (current.partitionOf === undefined || desired.partitionOf === undefined) return [];
  const parentWas = from.table.get(`table:${current.partitionOf.schema}.${current.partitionOf.table}`);
  const parentIs = to.table.get(`table:${desired.partitionOf.schema}.${desired.partitionOf.table}`);
  const changes: Change[] = [];
  for (const want of desired.columns) {
    const have = current.columns.find((c) => c.name === want.name);
    if (have === undefined) continue;
    const before = parentWas?.columns.find((c) => c.name === want.name)?.notNull;
    const after = parentIs?.columns.find((c) => c.name === want.name)?.notNull;
    const inherited = before !== undefined && after !== undefined && before !== after ? after : have.notNull;
    if (inherited === want.notNull) continue;
    changes.push({
      kind: 'column.alter',
      id: columnId(desired.schema, desired.name, want.name),
      table: desired,
      from: { ...have, notNull: inherited },
      to: { ...have, notNull: want.notNull },
      fields: ['notNull'],
    });
  }
  return changes;
}
