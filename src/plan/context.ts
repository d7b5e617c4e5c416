import type { Change, ColumnAlter, ColumnOrder, ColumnRename, DiffResult } from '../diff/change.js';
import type { Column, Constraint, ForeignKeyConstraint, Index, Model, PrimaryKeyConstraint, Table, UniqueConstraint } from '../model/types.js';
import { planOptions, type PlanOptions } from './options.js';
import { classifyTypeChange } from '../resolve/type-change.js';

const key = (schema: string, name: string): string => `${schema}\u0000${name}`;
/** A key by its table and column set: a foreign key relies on the unique index over exactly those columns. */
const keyOn = (schema: string, table: string, columns: readonly string[]): string =>
  `${key(schema, table)}\u0000${[...columns].sort().join('\u0000')}`;

/**
 * Facts about the whole diff that single-change strategies need: which tables are new, dropped or
 * renamed, which columns are rebuilt, and which tables get column work in the contract phase (so
 * that new constraints and indexes on them wait for it).
 */
export class PlanContext {
  readonly from: Model;
  readonly to: Model;
  readonly options: PlanOptions;
  readonly columnOrder: ColumnOrder;
  private readonly droppedTables = new Set<string>();
  private readonly createdTables = new Set<string>();
  private readonly renamedTables = new Map<string, string>();
  private readonly droppedColumns = new Set<string>();
  private readonly recreatedColumns = new Set<string>();
  private readonly deferredTables = new Set<string>();

  constructor(result: DiffResult, models: { from: Model; to: Model }, options?: Partial<PlanOptions>) {
    this.from = models.from;
    this.to = models.to;
    this.options = planOptions(options);
    this.columnOrder = result.columnOrder ?? 'append';
    for (const change of result.changes) this.record(change);
    for (const id of this.droppedColumns) {
      const table = this.addedColumns.get(id);
      if (table === undefined) continue;
      this.recreatedColumns.add(id);
      this.deferredTables.add(table);
    }
  }

  /**
   * The column is renamed or retyped in place (RENAME COLUMN, ALTER COLUMN TYPE) rather than through
   * a shadow column: the schema asks for `.strategy('direct')`, or columnOrder is 'exact', since the
   * shadow column would take the end of the table (the diff counted on nothing moving).
   */
  inPlace(column: Column): boolean {
    return column.strategy === 'direct' || this.columnOrder === 'exact';
  }

  private readonly createdIndexes = new Set<string>();
  private readonly droppedIndexes = new Set<string>();

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
    if (was === undefined || is === undefined || !this.createdIndexes.has(id) || !this.droppedIndexes.has(id)) return false;
    const sameTable = was.schema === is.schema && (this.renamedTables.get(key(was.schema, was.table)) ?? was.table) === is.table;
    return sameTable
      && was.attachedTo === undefined && is.attachedTo === undefined
      && !this.onPartitionedTable(this.from, was) && !this.onPartitionedTable(this.to, is)
      && !this.tableDropped(was.schema, was.table)
      && !this.tableDeferred(is.schema, is.table)
      && !this.backsConstraint(this.from, was.schema, was.table, was.name)
      && !this.backsConstraint(this.to, is.schema, is.table, is.name);
  }

  private onPartitionedTable(model: Model, i: Index): boolean {
    return model.table.get(`table:${i.schema}.${i.table}`)?.partitionBy !== undefined;
  }

  private readonly droppedConstraints = new Set<string>();

  /** A constraint of this id (as it is now) is dropped by the plan, for good or to be added again. */
  constraintDropped(id: string): boolean {
    return this.droppedConstraints.has(id);
  }

  /** An index of this id is dropped by the plan. */
  indexDropped(id: string): boolean {
    return this.droppedIndexes.has(id);
  }

  /** An index of this id is created by the plan (so an old one of that name must be gone first). */
  indexCreated(id: string): boolean {
    return this.createdIndexes.has(id);
  }

  private readonly alteredColumns = new Set<string>();

  /** The column (by its desired id) also has a column.alter change in this diff. */
  private readonly columnRenames = new Map<string, ColumnRename>();

  /** The hinted rename that gives the column this id, if any. */
  columnRename(id: string): ColumnRename | undefined {
    return this.columnRenames.get(id);
  }

  columnAltered(id: string): boolean {
    return this.alteredColumns.has(id);
  }

  /** Added column id → table key. */
  private readonly addedColumns = new Map<string, string>();

  private record(change: Change): void {
    switch (change.kind) {
      case 'table.drop':
        this.droppedTables.add(key(change.from.schema, change.from.name));
        break;
      case 'table.create':
        this.createdTables.add(key(change.to.schema, change.to.name));
        break;
      case 'table.recreate':
        // Empty once recreated: its indexes and constraints are built the plain way, like a new table's.
        this.createdTables.add(key(change.to.schema, change.to.name));
        this.recreatedTables.add(key(change.from.schema, change.from.name));
        break;
      case 'table.rename':
        this.renamedTables.set(key(change.from.schema, change.from.name), change.to.name);
        break;
      case 'column.drop':
        this.droppedColumns.add(change.id);
        this.changedColumns.add(`${key(change.table.schema, change.table.name)}\u0000${change.from.name}`);
        break;
      case 'index.create':
        this.createdIndexes.add(change.id);
        break;
      case 'index.drop':
        this.droppedIndexes.add(change.id);
        if (isPlainUnique(change.from)) this.changedKeys.add(keyOn(change.from.schema, change.from.table, change.from.keys.map((k) => k.column!)));
        break;
      case 'constraint.create':
        this.createdConstraints.add(change.id);
        break;
      case 'constraint.drop':
        this.droppedConstraints.add(change.id);
        if (isIndexBacked(change.from)) this.changedKeys.add(keyOn(change.from.schema, change.from.table, change.from.columns));
        break;
      case 'function.drop':
        this.droppedRoutines.add(change.id);
        break;
      case 'function.create':
        this.createdRoutines.add(change.id);
        break;
      case 'column.add':
        this.addedColumns.set(change.id, key(change.table.schema, change.table.name));
        break;
      case 'column.rename':
        this.columnRenames.set(change.id, change);
        break;
      case 'column.alter':
        // A NOT NULL name that differs only because the column is renamed comes right with the new column.
        if (change.fields.some((f) => f !== 'notNullName')) this.alteredColumns.add(change.id);
        if (change.fields.includes('type') || change.fields.includes('collation')) {
          this.retypedColumns.push({ schema: change.table.schema, table: change.table.name, column: change.from.name });
          this.retypes.push(change);
        }
        if (classifyTypeChange(change.from.type, change.to.type) === 'lossy') {
          this.deferredTables.add(key(change.table.schema, change.table.name));
        }
        break;
      default:
        break;
    }
  }

  private readonly droppedRoutines = new Set<string>();
  private readonly createdRoutines = new Set<string>();

  /** The function of this id is dropped and created again (its result type or argument names change). */
  routineRecreated(id: string): boolean {
    return this.droppedRoutines.has(id) && this.createdRoutines.has(id);
  }

  /** Column changes that ALTER … TYPE (type or collation), in diff order. */
  readonly retypes: ColumnAlter[] = [];
  private readonly createdConstraints = new Set<string>();

  /** A constraint of this id is created by the plan (a changed one is dropped and created again). */
  constraintCreated(id: string): boolean {
    return this.createdConstraints.has(id);
  }

  /** Unique keys and indexes the plan drops (or replaces), by table and column set, as they are now. */
  private readonly changedKeys = new Set<string>();
  /** Columns the plan drops, by their current table and name. */
  private readonly changedColumns = new Set<string>();
  /** Columns the plan retypes: desired-side table, current column name (the table may be renamed first). */
  private readonly retypedColumns: { schema: string; table: string; column: string }[] = [];

  /**
   * Whether the plan drops or replaces what a foreign key references (the key or unique index it
   * relies on, a referenced column), or retypes a referenced column. All of that runs before the
   * contract phase's table drops, so a dropped table's foreign key that references it must go first.
   */
  referencedKeyChanges(fk: ForeignKeyConstraint): boolean {
    const ref = fk.references;
    if (this.tableDropped(ref.schema, ref.table)) return false;
    if (this.changedKeys.has(keyOn(ref.schema, ref.table, ref.columns))) return true;
    const desiredTable = this.renamedTables.get(key(ref.schema, ref.table)) ?? ref.table;
    return ref.columns.some((column) => this.changedColumns.has(`${key(ref.schema, ref.table)}\u0000${column}`)
      || this.retypedColumns.some((r) => r.schema === ref.schema && r.table === desiredTable && r.column === column));
  }

  private readonly recreatedTables = new Set<string>();

  /** The table is dropped and created again in expand (table.recreate). */
  tableRecreated(schema: string, name: string): boolean {
    return this.recreatedTables.has(key(schema, name));
  }

  tableDropped(schema: string, name: string): boolean {
    return this.droppedTables.has(key(schema, name));
  }

  /** True for tables that exist before the migration (under this or a previous name). */
  tableExisted(schema: string, desiredName: string): boolean {
    return !this.createdTables.has(key(schema, desiredName));
  }

  /** The name a current-side table has once expand's renames ran. */
  currentName(table: Table): string {
    return this.renamedTables.get(key(table.schema, table.name)) ?? table.name;
  }

  /** The name a desired-side table has before the migration (its old name when it is renamed). */
  fromName(table: Table): string {
    for (const [k, to] of this.renamedTables) {
      const [schema, name] = k.split('\u0000') as [string, string];
      if (schema === table.schema && to === table.name) return name;
    }
    return table.name;
  }

  columnRecreated(id: string): boolean {
    return this.recreatedColumns.has(id);
  }

  markDeferred(schema: string, table: string): void {
    this.deferredTables.add(key(schema, table));
  }

  /** New constraints and indexes on these tables wait for the contract phase's column work. */
  tableDeferred(schema: string, table: string): boolean {
    return this.deferredTables.has(key(schema, table));
  }

  /** Whether an index of this name backs a primary key or unique constraint (it comes and goes with it). */
  backsConstraint(model: Model, schema: string, table: string, name: string): boolean {
    return this.indexBackedNames(model).has(`${key(schema, table)}\u0000${name}`);
  }

  // Every index change asks this; a scan of all constraints per question made planning quadratic.
  private readonly backedNames = new WeakMap<Model, ReadonlySet<string>>();

  private indexBackedNames(model: Model): ReadonlySet<string> {
    let names = this.backedNames.get(model);
    if (names === undefined) {
      const found = new Set<string>();
      for (const c of model.constraint.values()) if (isIndexBacked(c)) found.add(`${key(c.schema, c.table)}\u0000${c.name}`);
      names = found;
      this.backedNames.set(model, names);
    }
    return names;
  }
}

function isIndexBacked(c: Constraint): c is PrimaryKeyConstraint | UniqueConstraint {
  return c.type === 'primary-key' || c.type === 'unique';
}

/** A unique index over plain columns, which a foreign key can rely on like a key constraint. */
function isPlainUnique(i: Index): boolean {
  return i.unique && i.where === null && i.keys.every((k) => k.column !== null);
}
