import { buildModel } from '../../src/model/model.js';
import type {
  CheckConstraint, Column, DbObject, EnumType, ExclusionConstraint, ForeignKeyConstraint, Index, Model, PrimaryKeyConstraint, Sequence, Table,
} from '../../src/model/types.js';

export function col(name: string, type = 'integer', extra: Partial<Column> = {}): Column {
  return { name, type, notNull: false, default: null, identity: null, generated: null, collation: null, comment: null, ...extra };
}

export function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { kind: 'table', schema: 'public', name, columns, comment: null, ...extra };
}

export function enumType(name: string, values: string[], extra: Partial<EnumType> = {}): EnumType {
  return { kind: 'enum', schema: 'public', name, values, comment: null, ...extra };
}

export function sequence(name: string, extra: Partial<Sequence> = {}): Sequence {
  return { kind: 'sequence', schema: 'public', name, options: {}, ownedBy: null, comment: null, ...extra };
}

export function index(name: string, tableName: string, columns: string[], extra: Partial<Index> = {}): Index {
  return {
    kind: 'index', schema: 'public', table: tableName, name, unique: false, nullsNotDistinct: false, method: 'btree',
    keys: columns.map((c) => ({ column: c, expression: null, opclass: null, collation: null, descending: false, nullsFirst: false })),
    include: [], where: null, with: [], comment: null, ...extra,
  };
}

export function pk(tableName: string, columns: string[], name = `${tableName}_pkey`): PrimaryKeyConstraint {
  return { kind: 'constraint', type: 'primary-key', schema: 'public', table: tableName, name, columns, deferrable: false, initiallyDeferred: false, comment: null };
}

export function fk(tableName: string, columns: string[], refTable: string, refColumns: string[], name: string): ForeignKeyConstraint {
  return {
    kind: 'constraint', type: 'foreign-key', schema: 'public', table: tableName, name, columns,
    references: { schema: 'public', table: refTable, columns: refColumns },
    onDelete: 'no action', onUpdate: 'no action', match: 'simple', deferrable: false, initiallyDeferred: false, comment: null,
  };
}

export function check(tableName: string, name: string, expression: string): CheckConstraint {
  return { kind: 'constraint', type: 'check', schema: 'public', table: tableName, name, expression, noInherit: false, deferrable: false, initiallyDeferred: false, comment: null };
}

export function exclusion(tableName: string, name: string, definition: string, extra: Partial<ExclusionConstraint> = {}): ExclusionConstraint {
  return { kind: 'constraint', type: 'exclusion', schema: 'public', table: tableName, name, definition, deferrable: false, initiallyDeferred: false, comment: null, ...extra };
}

export function model(...objects: DbObject[]): Model {
  return buildModel(objects);
}
