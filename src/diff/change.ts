import type { HintField } from '../model/hints.js';
import type {
  Column,
  Constraint,
  EnumType,
  Extension,
  Index,
  Kind,
  ObjectId,
  ObjectOf,
  SchemaObj,
  Sequence,
  Table,
  View,
  Routine,
  Trigger,
  Policy,
  Privilege,
  Collation,
  Domain,
  CompositeType,
  RangeType,
  Aggregate,
} from '../model/types.js';
import type { Model } from '../model/types.js';

/** Fields of an object that take part in comparison (everything but identity and hints). */
export type ComparedField<T> = Exclude<keyof T, 'kind' | 'schema' | 'name' | 'table' | HintField>;

export interface CreateChange<K extends Kind> {
  readonly kind: `${K}.create`;
  readonly id: ObjectId;
  readonly to: ObjectOf<K>;
}
export interface DropChange<K extends Kind> {
  readonly kind: `${K}.drop`;
  readonly id: ObjectId;
  readonly from: ObjectOf<K>;
}
export interface AlterChange<K extends Kind> {
  readonly kind: `${K}.alter`;
  readonly id: ObjectId;
  readonly from: ObjectOf<K>;
  readonly to: ObjectOf<K>;
  readonly fields: readonly ComparedField<ObjectOf<K>>[];
}
export interface RenameChange<K extends Kind> {
  readonly kind: `${K}.rename`;
  readonly id: ObjectId;
  readonly from: ObjectOf<K>;
  readonly to: ObjectOf<K>;
}

interface ColumnChangeBase {
  readonly id: ObjectId;
  /** The table as it is on the desired side (for add/alter/rename) or the current side (drop). */
  readonly table: Table;
}
export interface ColumnAdd extends ColumnChangeBase {
  readonly kind: 'column.add';
  readonly to: Column;
}
export interface ColumnDrop extends ColumnChangeBase {
  readonly kind: 'column.drop';
  readonly from: Column;
}
export interface ColumnAlter extends ColumnChangeBase {
  readonly kind: 'column.alter';
  readonly from: Column;
  readonly to: Column;
  readonly fields: readonly ComparedField<Column>[];
}
export interface ColumnRename extends ColumnChangeBase {
  readonly kind: 'column.rename';
  readonly from: Column;
  readonly to: Column;
}
export type ColumnChange = ColumnAdd | ColumnDrop | ColumnAlter | ColumnRename;

/**
 * Why a table cannot be altered in place: fields of its own that ALTER TABLE cannot change (its
 * partition key), a parent (partitioned or INHERITS) that is itself recreated and takes it along, or
 * (with columnOrder 'exact') a column order that adding columns at the end cannot reach. Only the
 * last keeps the table's rows: it is the one rebuild whose new shape accepts every old row.
 */
export type TableRecreateReason =
  | { readonly kind: 'fields'; readonly fields: readonly ComparedField<Table>[] }
  | { readonly kind: 'parent'; readonly parent: { readonly schema: string; readonly table: string } }
  | { readonly kind: 'column-order'; readonly order: readonly string[] };

/**
 * The table is dropped and created again under the same name, with everything that lives on it
 * (constraints, indexes, triggers, policies, grants) and everything that must let go of it first
 * (views, foreign keys of other tables). Kept as one change so that no step order can leave both
 * shapes, or neither, in place.
 */
export interface TableRecreate {
  readonly kind: 'table.recreate';
  readonly id: ObjectId;
  readonly from: Table;
  readonly to: Table;
  readonly reason: TableRecreateReason;
}

/**
 * A function or procedure that goes. `replacedBy` is the id of the one created in its place under the
 * same argument types (the same id, other argument names or modes, or an aggregate): CREATE OR REPLACE cannot
 * make that change, so this drop runs before the create, with what calls it dropped and created
 * again around both. Null when nothing takes its place.
 */
export interface RoutineDrop extends DropChange<'function'> {
  readonly replacedBy: ObjectId | null;
}
/** A function or procedure that is created; `replaces` is the id of the one it takes the place of (see `RoutineDrop`). */
export interface RoutineCreate extends CreateChange<'function'> {
  readonly replaces: ObjectId | null;
}

/**
 * An aggregate that goes; `replacedBy` is the id of the one created in its place under the same
 * argument types (the same id when it is re-created, or other argument names), as for routines.
 */
export interface AggregateDrop extends DropChange<'aggregate'> {
  readonly replacedBy: ObjectId | null;
}

/**
 * Every change the differ can produce. Objects that cannot be altered in place (constraints,
 * indexes other than by rename/comment) come out as drop + create pairs from their differ.
 */
export type Change =
  | CreateChange<'schema'> | DropChange<'schema'> | AlterChange<'schema'>
  | CreateChange<'extension'> | DropChange<'extension'> | AlterChange<'extension'>
  | CreateChange<'enum'> | DropChange<'enum'> | AlterChange<'enum'> | RenameChange<'enum'>
  | CreateChange<'sequence'> | DropChange<'sequence'> | AlterChange<'sequence'> | RenameChange<'sequence'>
  | CreateChange<'table'> | DropChange<'table'> | AlterChange<'table'> | RenameChange<'table'> | TableRecreate
  | ColumnChange
  | CreateChange<'constraint'> | DropChange<'constraint'> | AlterChange<'constraint'> | RenameChange<'constraint'>
  | CreateChange<'index'> | DropChange<'index'> | AlterChange<'index'> | RenameChange<'index'>
  | CreateChange<'view'> | DropChange<'view'> | AlterChange<'view'>
  | RoutineCreate | RoutineDrop | AlterChange<'function'>
  | CreateChange<'trigger'> | DropChange<'trigger'> | AlterChange<'trigger'>
  | CreateChange<'policy'> | DropChange<'policy'> | AlterChange<'policy'>
  | CreateChange<'privilege'> | DropChange<'privilege'> | AlterChange<'privilege'>
  | CreateChange<'collation'> | DropChange<'collation'> | AlterChange<'collation'>
  | CreateChange<'domain'> | DropChange<'domain'> | AlterChange<'domain'>
  | CreateChange<'composite-type'> | DropChange<'composite-type'> | AlterChange<'composite-type'>
  | CreateChange<'default-privileges'> | DropChange<'default-privileges'> | AlterChange<'default-privileges'>
  | CreateChange<'event-trigger'> | DropChange<'event-trigger'> | AlterChange<'event-trigger'>
  | CreateChange<'statistics'> | DropChange<'statistics'> | AlterChange<'statistics'>
  | CreateChange<'rule'> | DropChange<'rule'> | AlterChange<'rule'>
  | CreateChange<'range-type'> | DropChange<'range-type'> | AlterChange<'range-type'>
  | CreateChange<'aggregate'> | AggregateDrop | AlterChange<'aggregate'>
  | CreateChange<'publication'> | DropChange<'publication'> | AlterChange<'publication'>;

export type ChangeKind = Change['kind'];

/** A drop + create pair that looks like a rename but has no hint: reported, never applied as one. */
export interface RenameSuggestion {
  readonly kind: Kind | 'column';
  readonly from: string;
  readonly to: string;
  readonly hint: string;
}

/**
 * How the declared order of a table's columns counts. 'append' (the default): PostgreSQL only ever
 * adds a column at the end, so order is not compared and new columns go last. 'exact': the database
 * must list the columns in the declared order; the planner then retypes and renames in place, and
 * rebuilds a table (rows copied) whose order appending cannot reach.
 */
export type ColumnOrder = 'append' | 'exact';

export interface DiffOptions {
  readonly columnOrder: ColumnOrder;
}

export interface DiffResult {
  readonly changes: readonly Change[];
  readonly suggestions: readonly RenameSuggestion[];
  /** The diff's column order mode, which the planner follows (absent: 'append'). */
  readonly columnOrder?: ColumnOrder;
  /**
   * The pair of models compared, when it is not the pair given (NOT NULL names dropped because one
   * side cannot hold them, model/not-null.ts): what the planner reads, so that it is made once.
   */
  readonly compared?: { readonly from: Model; readonly to: Model };
}

// Re-exported so consumers of changes need one import.
export type { Column, Constraint, EnumType, Extension, Index, SchemaObj, Sequence, Table, View, Routine, Trigger, Policy, Privilege, Collation, Domain, CompositeType, RangeType, Aggregate };
