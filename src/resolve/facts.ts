import type { Change, ColumnAlter, ColumnOrder, ColumnRename } from '../diff/change.js';
import type { Column, Constraint, Index, Model, PrimaryKeyConstraint, Table, UniqueConstraint } from '../model/types.js';
import { classifyTypeChange } from './type-change.js';

/** A table (or any relation) by schema and name, as a set key. */
export const tableKey = (schema: string, name: string): string => `${schema}\u0000${name}`;
/** A key by its table and column set: a foreign key relies on the unique index over exactly those columns. */
export const keyOn = (schema: string, table: string, columns: readonly string[]): string =>
  `${tableKey(schema, table)}\u0000${[...columns].sort().join('\u0000')}`;
/** A column by its table key and name. */
export const columnKey = (schema: string, table: string, column: string): string => `${tableKey(schema, table)}\u0000${column}`;

/** A column the plan retypes: desired-side table, current column name (the table may be renamed first). */
export interface RetypedColumn {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

/**
 * What the changes of a diff say about the objects they touch, read once from the change list:
 * which tables are new, dropped, renamed or rebuilt, which columns are dropped and added again,
 * which indexes, constraints and functions come and go. Tables are keyed by `tableKey`.
 */
export interface ChangeFacts {
  /** The models the diff compared (NOT NULL names dropped when one side cannot hold them). */
  readonly from: Model;
  readonly to: Model;
  readonly columnOrder: ColumnOrder;
  readonly createdTables: ReadonlySet<string>;
  readonly droppedTables: ReadonlySet<string>;
  /** Tables dropped and created again in expand (table.recreate), by their current key. */
  readonly recreatedTables: ReadonlySet<string>;
  /** Current table key → desired name. */
  readonly renamedTables: ReadonlyMap<string, string>;
  /** Column ids dropped and added again under the same id. */
  readonly recreatedColumns: ReadonlySet<string>;
  /** Column ids (desired) with a column.alter beyond a NOT NULL name that comes with a rename. */
  readonly alteredColumns: ReadonlySet<string>;
  /** The hinted rename that gives the column of this id its name. */
  readonly columnRenames: ReadonlyMap<string, ColumnRename>;
  /** Column changes that ALTER … TYPE (type or collation), in diff order. */
  readonly retypes: readonly ColumnAlter[];
  readonly retypedColumns: readonly RetypedColumn[];
  /** Columns the plan drops, by `columnKey` of their current table and name. */
  readonly droppedColumnKeys: ReadonlySet<string>;
  /** Unique keys and indexes the plan drops (or replaces), by `keyOn`, as they are now. */
  readonly changedKeys: ReadonlySet<string>;
  readonly createdIndexes: ReadonlySet<string>;
  readonly droppedIndexes: ReadonlySet<string>;
  readonly createdConstraints: ReadonlySet<string>;
  readonly droppedConstraints: ReadonlySet<string>;
  /** Functions dropped and created again (what CREATE OR REPLACE cannot change): current id → desired id. */
  readonly replacedRoutines: ReadonlyMap<string, string>;
  /** Views (and materialized views) the plan drops, for good or to create again, by id. */
  readonly droppedViews: ReadonlySet<string>;
  /** Names of indexes that back a primary key or unique constraint, by `columnKey`-style table and name. */
  readonly backedNames: { readonly from: ReadonlySet<string>; readonly to: ReadonlySet<string> };
  /** Tables whose column work runs in contract, as far as the changes alone decide (lossy retypes, re-added columns). */
  readonly deferredTables: ReadonlySet<string>;
}

export function isIndexBacked(c: Constraint): c is PrimaryKeyConstraint | UniqueConstraint {
  return c.type === 'primary-key' || c.type === 'unique';
}

/** A unique index over plain columns, which a foreign key can rely on like a key constraint. */
function isPlainUnique(i: Index): boolean {
  return i.unique && i.where === null && i.keys.every((k) => k.column !== null);
}

// Every index change asks whether its name backs a key: one pass per model, not one per question.
function indexBackedNames(model: Model): ReadonlySet<string> {
  const found = new Set<string>();
  for (const c of model.constraint.values()) if (isIndexBacked(c)) found.add(columnKey(c.schema, c.table, c.name));
  return found;
}

export function changeFacts(changes: readonly Change[], models: { from: Model; to: Model }, columnOrder: ColumnOrder): ChangeFacts {
  const createdTables = new Set<string>();
  const droppedTables = new Set<string>();
  const recreatedTables = new Set<string>();
  const renamedTables = new Map<string, string>();
  const droppedColumns = new Set<string>();
  const addedColumns = new Map<string, string>();
  const alteredColumns = new Set<string>();
  const columnRenames = new Map<string, ColumnRename>();
  const retypes: ColumnAlter[] = [];
  const retypedColumns: RetypedColumn[] = [];
  const droppedColumnKeys = new Set<string>();
  const changedKeys = new Set<string>();
  const createdIndexes = new Set<string>();
  const droppedIndexes = new Set<string>();
  const createdConstraints = new Set<string>();
  const droppedConstraints = new Set<string>();
  const replacedRoutines = new Map<string, string>();
  const droppedViews = new Set<string>();
  const deferredTables = new Set<string>();
  for (const change of changes) {
    switch (change.kind) {
      case 'table.drop':
        droppedTables.add(tableKey(change.from.schema, change.from.name));
        break;
      case 'table.create':
        createdTables.add(tableKey(change.to.schema, change.to.name));
        break;
      case 'table.recreate':
        // Empty once recreated: its indexes and constraints are built the plain way, like a new table's.
        createdTables.add(tableKey(change.to.schema, change.to.name));
        recreatedTables.add(tableKey(change.from.schema, change.from.name));
        break;
      case 'table.rename':
        renamedTables.set(tableKey(change.from.schema, change.from.name), change.to.name);
        break;
      case 'column.drop':
        droppedColumns.add(change.id);
        droppedColumnKeys.add(columnKey(change.table.schema, change.table.name, change.from.name));
        break;
      case 'index.create':
        createdIndexes.add(change.id);
        break;
      case 'index.drop':
        droppedIndexes.add(change.id);
        if (isPlainUnique(change.from)) changedKeys.add(keyOn(change.from.schema, change.from.table, change.from.keys.map((k) => k.column!)));
        break;
      case 'constraint.create':
        createdConstraints.add(change.id);
        break;
      case 'constraint.drop':
        droppedConstraints.add(change.id);
        if (isIndexBacked(change.from)) changedKeys.add(keyOn(change.from.schema, change.from.table, change.from.columns));
        break;
      case 'function.drop':
        if (change.replacedBy !== null) replacedRoutines.set(change.id, change.replacedBy);
        break;
      case 'view.drop':
        droppedViews.add(change.id);
        break;
      case 'column.add':
        addedColumns.set(change.id, tableKey(change.table.schema, change.table.name));
        break;
      case 'column.rename':
        columnRenames.set(change.id, change);
        break;
      case 'column.alter':
        // A NOT NULL name that differs only because the column is renamed comes right with the new column.
        if (change.fields.some((f) => f !== 'notNullName')) alteredColumns.add(change.id);
        if (change.fields.includes('type') || change.fields.includes('collation')) {
          retypedColumns.push({ schema: change.table.schema, table: change.table.name, column: change.from.name });
          retypes.push(change);
        }
        if (classifyTypeChange(change.from.type, change.to.type) === 'lossy') {
          deferredTables.add(tableKey(change.table.schema, change.table.name));
        }
        break;
      default:
        break;
    }
  }
  const recreatedColumns = new Set<string>();
  for (const id of droppedColumns) {
    const table = addedColumns.get(id);
    if (table === undefined) continue;
    recreatedColumns.add(id);
    deferredTables.add(table);
  }
  return {
    from: models.from,
    to: models.to,
    columnOrder,
    createdTables,
    droppedTables,
    recreatedTables,
    renamedTables,
    recreatedColumns,
    alteredColumns,
    columnRenames,
    retypes,
    retypedColumns,
    droppedColumnKeys,
    changedKeys,
    createdIndexes,
    droppedIndexes,
    createdConstraints,
    droppedConstraints,
    replacedRoutines,
    droppedViews,
    backedNames: { from: indexBackedNames(models.from), to: indexBackedNames(models.to) },
    deferredTables,
  };
}

// Questions over the facts, shared by the resolve steps and the planner's context.

/**
 * The column is renamed or retyped in place (RENAME COLUMN, ALTER COLUMN TYPE) rather than through
 * a shadow column: the schema asks for `.strategy('direct')`, or columnOrder is 'exact', since the
 * shadow column would take the end of the table (the diff counted on nothing moving).
 */
export function inPlace(f: ChangeFacts, column: Column): boolean {
  return column.strategy === 'direct' || f.columnOrder === 'exact';
}

/** The name a current-side table has once expand's renames ran. */
export function currentName(f: ChangeFacts, table: Table): string {
  return f.renamedTables.get(tableKey(table.schema, table.name)) ?? table.name;
}

/** The name a desired-side table has before the migration (its old name when it is renamed). */
export function fromName(f: ChangeFacts, table: Table): string {
  for (const [k, to] of f.renamedTables) {
    const [schema, name] = k.split('\u0000') as [string, string];
    if (schema === table.schema && to === table.name) return name;
  }
  return table.name;
}

/** True for tables that exist before the migration (under this or a previous name). */
export function tableExisted(f: ChangeFacts, schema: string, desiredName: string): boolean {
  return !f.createdTables.has(tableKey(schema, desiredName));
}

/** New constraints and indexes on these tables wait for the contract phase's column work. */
export function tableDeferred(f: ChangeFacts, schema: string, table: string): boolean {
  return f.deferredTables.has(tableKey(schema, table));
}

/** Whether an index of this name backs a primary key or unique constraint (it comes and goes with it). */
export function backsConstraint(f: ChangeFacts, side: 'from' | 'to', schema: string, table: string, name: string): boolean {
  return f.backedNames[side].has(columnKey(schema, table, name));
}
