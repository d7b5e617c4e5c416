import { relationId } from '../model/ids.js';
import { makeObjectName } from '../model/naming.js';
import type { Column, ObjectId, Sequence } from '../model/types.js';
import { quoteLiteral, quoteQualified } from '../sql/ident.js';
import { parseTypeRef } from './type-names.js';

type Sequences = ReadonlyMap<ObjectId, Sequence>;

/** The name the server gives the sequence of a serial column (ChooseRelationName without a clash). */
const serialSequenceName = (table: string, column: string): string => makeObjectName(table, column, 'seq');

/** A serial column's default as the server prints it with an empty search_path. */
const nextvalOf = (schema: string, sequence: string): string => `nextval(${quoteLiteral(quoteQualified(schema, sequence))}::regclass)`;

/**
 * Hinted renames found so far, used to project current-side objects into desired-side names, so that
 * an index on a renamed column, or a column typed with a renamed enum, does not read as a change.
 */
export class RenameContext {
  private readonly tables = new Map<string, string>();
  private readonly columns = new Map<string, Map<string, string>>();
  private readonly types = new Map<string, string>();

  /** The sequences of both sides, to tell which sequence named after its column follows a rename. */
  constructor(private readonly sequences: { readonly from: Sequences; readonly to: Sequences } = { from: new Map(), to: new Map() }) {}

  addTable(schema: string, oldName: string, newName: string): void {
    this.tables.set(`${schema}\u0000${oldName}`, newName);
  }

  addColumn(schema: string, table: string, oldName: string, newName: string): void {
    const key = `${schema}\u0000${table}`;
    const map = this.columns.get(key) ?? new Map<string, string>();
    map.set(oldName, newName);
    this.columns.set(key, map);
  }

  /** Enum types are referenced in column types as `schema.name` (see type-names.ts). */
  addType(schema: string, oldName: string, newName: string): void {
    this.types.set(`${schema}\u0000${oldName}`, newName);
  }

  table(schema: string, name: string): string {
    return this.tables.get(`${schema}\u0000${name}`) ?? name;
  }

  /**
   * The name an object named after its table (`<table>_pkey`, `<table>_<col>_idx`, `<table>_<col>_seq`,
   * as the server and the DSL name them) had before its table's hinted rename, or null when its table
   * was not renamed or its name does not start with the new table name. Such objects follow their
   * table: renamed with it, never dropped and built again.
   */
  nameBeforeTableRename(schema: string, newTable: string, name: string): string | null {
    for (const [key, renamed] of this.tables) {
      const [s, oldTable] = key.split('\u0000') as [string, string];
      if (s !== schema || renamed !== newTable) continue;
      const prefix = `${newTable}_`;
      return name.startsWith(prefix) ? `${oldTable}_${name.slice(prefix.length)}` : null;
    }
    return null;
  }

  /** A column of a table given by its current-side name. */
  column(schema: string, currentTable: string, name: string): string {
    const table = this.table(schema, currentTable);
    return this.columns.get(`${schema}\u0000${table}`)?.get(name) ?? name;
  }

  /**
   * The desired-side name of a current-side sequence: a sequence OWNED BY a column and named after it
   * as the server names a serial's (`<table>_<column>_seq`) follows a rename of its table or column
   * when the desired side declares the sequence under the default name for the new names, owned by
   * the same column, and neither side keeps the other name. Any other sequence keeps its name: one
   * named by hand is the user's to rename.
   */
  sequence(schema: string, name: string): string {
    const current = this.sequences.from.get(relationId('sequence', schema, name));
    const owner = current?.ownedBy;
    if (owner === null || owner === undefined || name !== serialSequenceName(owner.table, owner.column)) return name;
    const table = this.table(schema, owner.table);
    const column = this.column(schema, owner.table, owner.column);
    const renamed = serialSequenceName(table, column);
    if (renamed === name) return name;
    const newId = relationId('sequence', schema, renamed);
    const desired = this.sequences.to.get(newId);
    const follows = desired?.ownedBy?.table === table && desired.ownedBy.column === column
      && !this.sequences.to.has(relationId('sequence', schema, name)) && !this.sequences.from.has(newId);
    return follows ? renamed : name;
  }

  /** The type in desired-side spelling: a renamed enum becomes the raw `schema.newname`. */
  type(type: string): string {
    const ref = parseTypeRef(type);
    const renamed = ref === null ? undefined : this.types.get(`${ref.schema}\u0000${ref.name}`);
    return ref === null || renamed === undefined ? type : `${ref.schema}.${renamed}${ref.array}`;
  }

  /**
   * A current-side column in desired-side spelling: its type, and the default of a serial whose
   * sequence follows the rename (`schema`, `currentTable`: where the column is now).
   */
  projectColumn(col: Column, schema?: string, currentTable?: string): Column {
    const type = this.type(col.type);
    const projected = type === col.type ? col : { ...col, type };
    if (schema === undefined || currentTable === undefined || col.default?.kind !== 'sql') return projected;
    const sequence = serialSequenceName(currentTable, col.name);
    if (col.default.text !== nextvalOf(schema, sequence)) return projected;
    const renamed = this.sequence(schema, sequence);
    return renamed === sequence ? projected : { ...projected, default: { kind: 'sql', text: nextvalOf(schema, renamed) } };
  }
}

/** The id an object had before its `renamedFrom` hint, built with the same id function. */
export function previousIdVia<T extends { readonly renamedFrom?: string }>(
  idOf: (obj: T) => ObjectId,
): (obj: T) => ObjectId | null {
  return (obj) => (obj.renamedFrom === undefined ? null : idOf({ ...obj, name: obj.renamedFrom }));
}
