import type { ColumnAlter, ColumnOrder, ColumnRename } from '../diff/change.js';
import { relationId } from '../model/ids.js';
import type { Column, ForeignKeyConstraint, Index, Model, Table } from '../model/types.js';
import type { Resolved } from '../resolve/index.js';
import * as facts from '../resolve/facts.js';
import { columnKey, keyOn, tableKey } from '../resolve/facts.js';
import { planOptions, type PlanOptions } from './options.js';

/**
 * What single-change strategies may ask about the whole diff: the resolved facts (src/resolve),
 * decided once before any strategy runs, and the plan's options. It holds no state of its own.
 */
export class PlanContext {
  readonly from: Model;
  readonly to: Model;
  readonly options: PlanOptions;
  readonly columnOrder: ColumnOrder;
  /** Column changes that ALTER … TYPE (type or collation), in diff order. */
  readonly retypes: readonly ColumnAlter[];

  constructor(readonly resolved: Resolved, options?: Partial<PlanOptions>) {
    this.from = resolved.from;
    this.to = resolved.to;
    this.options = planOptions(options);
    this.columnOrder = resolved.columnOrder;
    this.retypes = resolved.retypes;
  }

  /** The column is renamed or retyped in place rather than through a shadow column (resolve/facts.ts). */
  inPlace(column: Column): boolean {
    return facts.inPlace(this.resolved, column);
  }

  /**
   * A changed (or INVALID) index of a table that stays: rebuilt CONCURRENTLY under a temporary name,
   * then swapped in, so the table is never without it. Indexes of rebuilt columns, those backing
   * constraints, those that move to another table and those of partitioned tables (no CONCURRENTLY
   * there) go the plain way. Decided from both sides by id, so that the create and the drop of the
   * same index always agree on who drops the old one.
   */
  indexRebuilt(id: string): boolean {
    const was = this.from.index.get(id);
    const is = this.to.index.get(id);
    const r = this.resolved;
    if (was === undefined || is === undefined || !r.createdIndexes.has(id) || !r.droppedIndexes.has(id)) return false;
    const sameTable = was.schema === is.schema && (r.renamedTables.get(tableKey(was.schema, was.table)) ?? was.table) === is.table;
    return sameTable
      && was.attachedTo === undefined && is.attachedTo === undefined
      && !this.onPartitionedTable(this.from, was) && !this.onPartitionedTable(this.to, is)
      && !this.tableDropped(was.schema, was.table)
      && !this.tableDeferred(is.schema, is.table)
      && !this.backsConstraint(this.from, was.schema, was.table, was.name)
      && !this.backsConstraint(this.to, is.schema, is.table, is.name);
  }

  private onPartitionedTable(model: Model, i: Index): boolean {
    return model.table.get(relationId('table', i.schema, i.table))?.partitionBy !== undefined;
  }

  /** A constraint of this id (as it is now) is dropped by the plan, for good or to be added again. */
  constraintDropped(id: string): boolean {
    return this.resolved.droppedConstraints.has(id);
  }

  /** An index of this id is dropped by the plan. */
  indexDropped(id: string): boolean {
    return this.resolved.droppedIndexes.has(id);
  }

  /** An index of this id is created by the plan (so an old one of that name must be gone first). */
  indexCreated(id: string): boolean {
    return this.resolved.createdIndexes.has(id);
  }

  /** The hinted rename that gives the column this id, if any. */
  columnRename(id: string): ColumnRename | undefined {
    return this.resolved.columnRenames.get(id);
  }

  /** The column (by its desired id) also has a column.alter change in this diff. */
  columnAltered(id: string): boolean {
    return this.resolved.alteredColumns.has(id);
  }

  /** The function of this (current) id is dropped and created again: CREATE OR REPLACE cannot make its change. */
  routineRecreated(id: string): boolean {
    return this.resolved.replacedRoutines.has(id);
  }

  /** The view (or materialized view) of this id is dropped by the plan, for good or to be created again. */
  viewDropped(id: string): boolean {
    return this.resolved.droppedViews.has(id);
  }

  /** A constraint of this id is created by the plan (a changed one is dropped and created again). */
  constraintCreated(id: string): boolean {
    return this.resolved.createdConstraints.has(id);
  }

  /**
   * Whether the plan drops or replaces what a foreign key references (the key or unique index it
   * relies on, a referenced column), or retypes a referenced column. All of that runs before the
   * contract phase's table drops, so a dropped table's foreign key that references it must go first.
   */
  referencedKeyChanges(fk: ForeignKeyConstraint): boolean {
    const ref = fk.references;
    const r = this.resolved;
    if (this.tableDropped(ref.schema, ref.table)) return false;
    if (r.changedKeys.has(keyOn(ref.schema, ref.table, ref.columns))) return true;
    const desiredTable = r.renamedTables.get(tableKey(ref.schema, ref.table)) ?? ref.table;
    return ref.columns.some((column) => r.droppedColumnKeys.has(columnKey(ref.schema, ref.table, column))
      || r.retypedColumns.some((t) => t.schema === ref.schema && t.table === desiredTable && t.column === column));
  }

  /** The table is dropped and created again in expand (table.recreate). */
  tableRecreated(schema: string, name: string): boolean {
    return this.resolved.recreatedTables.has(tableKey(schema, name));
  }

  tableDropped(schema: string, name: string): boolean {
    return this.resolved.droppedTables.has(tableKey(schema, name));
  }

  /** True for tables that exist before the migration (under this or a previous name). */
  tableExisted(schema: string, desiredName: string): boolean {
    return facts.tableExisted(this.resolved, schema, desiredName);
  }

  /** The name a current-side table has once expand's renames ran. */
  currentName(table: Table): string {
    return facts.currentName(this.resolved, table);
  }

  /** The name a desired-side table has before the migration (its old name when it is renamed). */
  fromName(table: Table): string {
    return facts.fromName(this.resolved, table);
  }

  columnRecreated(id: string): boolean {
    return this.resolved.recreatedColumns.has(id);
  }

  /** New constraints and indexes on these tables wait for the contract phase's column work. */
  tableDeferred(schema: string, table: string): boolean {
    return facts.tableDeferred(this.resolved, schema, table);
  }

  /** Whether an index of this name backs a primary key or unique constraint (it comes and goes with it). */
  backsConstraint(model: Model, schema: string, table: string, name: string): boolean {
    if (model !== this.from && model !== this.to) throw new Error('backsConstraint: a model the plan does not compare');
    return facts.backsConstraint(this.resolved, model === this.from ? 'from' : 'to', schema, table, name);
  }
}
