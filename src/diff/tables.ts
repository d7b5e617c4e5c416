import { objectId } from '../model/ids.js';
import type { Model, Table } from '../model/types.js';
import type { Change, ColumnOrder, ComparedField, TableRecreate } from './change.js';
import { columnOrderRecreate } from './column-order.js';
import { sameValue, type FieldEquals, type FieldRules } from './guard.js';
import { diffObjects } from './objects.js';
import { compareColumns, diffColumns, diffPartitionNotNullNames } from './columns.js';
import { previousIdVia, type RenameContext } from './renames.js';
import { diffPartitionColumns } from './partitions.js';
import { withRecreatedChildren } from './recreate.js';

// Columns are compared by their own differ (columns.ts), which has its own completeness guard.
export const TABLE_RULES: FieldRules<Table> = {
  columns: 'nested',
  comment: 'alter',
  rowSecurity: 'alter',
  forceRowSecurity: 'alter',
  unlogged: 'alter',
  // A new partition key rebuilds the table; becoming or ceasing to be a partition is ATTACH / DETACH.
  partitionBy: 'recreate',
  partitionOf: 'alter',
  inherits: 'alter',
  inheritedColumns: 'alter',
  replicaIdentity: 'alter',
  clusterOn: 'alter',
};

// Absent and false mean the same: off.
const TABLE_EQUALS: FieldEquals<Table> = {
  rowSecurity: (a, b) => (a ?? false) === (b ?? false),
  forceRowSecurity: (a, b) => (a ?? false) === (b ?? false),
  unlogged: (a, b) => (a ?? false) === (b ?? false),
  inherits: (a, b) => sameValue(a ?? [], b ?? []),
  inheritedColumns: (a, b) => sameValue(a ?? [], b ?? []),
};

/**
 * Table changes, then column changes of every table kept (or renamed) on both sides. With
 * columnOrder 'exact', a table whose column changes cannot reach the declared order is rebuilt.
 */
export function diffTables(
  from: Model, to: Model, renames: RenameContext, columnOrder: ColumnOrder = 'append',
): { tables: Change[]; columns: Change[] } {
  const result = diffObjects(from.table, to.table, {
    what: 'table',
    rules: TABLE_RULES,
    equals: TABLE_EQUALS,
    previousId: previousIdVia<Table>(objectId),
    make: {
      create: (id, obj): Change => ({ kind: 'table.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'table.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({ kind: 'table.alter', id, from: a, to: b, fields: fields as ComparedField<Table>[] }),
      rename: (id, a, b): Change => ({ kind: 'table.rename', id, from: a, to: b }),
      recreate: (id, a, b, fields): TableRecreate => ({
        kind: 'table.recreate', id, from: a, to: b,
        reason: { kind: 'fields', fields: (fields as ComparedField<Table>[]).filter((f) => TABLE_RULES[f] === 'recreate') },
      }),
    },
  });
  let tables = withRecreatedChildren(result.changes, from, to);
  const recreated = new Set(tables.filter((c) => c.kind === 'table.recreate').map((c) => c.id));
  for (const [oldId, table] of result.renamed) {
    const old = from.table.get(oldId)!;
    renames.addTable(old.schema, old.name, table.name);
  }
  const columns: Change[] = [];
  const names = from.notNullNames !== false && to.notNullNames !== false;
  for (const [id, current] of [...from.table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const renamedTo = result.renamed.get(id);
    const desired = renamedTo ?? to.table.get(id);
    // A recreated table is created with its desired columns; there is nothing to alter.
    if (desired === undefined || recreated.has(id)) continue;
    // A partition's columns follow its parent's (and must match them to be attached), except NOT NULL.
    if (desired.partitionOf !== undefined) {
      columns.push(...diffPartitionColumns(current, desired, from, to), ...diffPartitionNotNullNames(current, desired, names));
      continue;
    }
    const own = diffColumns(current, desired, renames, names);
    const reorder = columnOrder === 'exact' && renamedTo === undefined ? columnOrderRecreate(id, current, desired, own, { from, to }) : null;
    if (reorder === null) {
      columns.push(...own);
      continue;
    }
    // The new table is created in the desired shape: its table and column alters are subsumed.
    tables = [...tables.filter((c) => !(c.kind === 'table.alter' && c.id === id)), reorder];
  }
  return { tables, columns };
}

/** Tables with the same columns (ignoring hints) and comment: a drop + create that may be a rename. */
export function sameTableShape(a: Table, b: Table): boolean {
  if (a.columns.length !== b.columns.length || a.comment !== b.comment) return false;
  return a.columns.every((col, i) => {
    const other = b.columns[i]!;
    return col.name === other.name && compareColumns('column', col, other).changed.length === 0 && sameValue(col.type, other.type);
  });
}
