import type { Column, ObjectId } from '../model/types.js';
import { parseTypeRef } from './type-names.js';

/**
 * Hinted renames found so far, used to project current-side objects into desired-side names, so that
 * an index on a renamed column, or a column typed with a renamed enum, does not read as a change.
 */
export class RenameContext {
  private readonly tables = new Map<string, string>();
  private readonly columns = new Map<string, Map<string, string>>();
  private readonly types = new Map<string, string>();

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

  /** The type in desired-side spelling: a renamed enum becomes the raw `schema.newname`. */
  type(type: string): string {
    const ref = parseTypeRef(type);
    const renamed = ref === null ? undefined : this.types.get(`${ref.schema}\u0000${ref.name}`);
    return ref === null || renamed === undefined ? type : `${ref.schema}.${renamed}${ref.array}`;
  }

  projectColumn(col: Column): Column {
    const type = this.type(col.type);
    return type === col.type ? col : { ...col, type };
  }
}

/** The id an object had before its `renamedFrom` hint, built with the same id function. */
export function previousIdVia<T extends { readonly renamedFrom?: string }>(
  idOf: (obj: T) => ObjectId,
): (obj: T) => ObjectId | null {
  return (obj) => (obj.renamedFrom === undefined ? null : idOf({ ...obj, name: obj.renamedFrom }));
}
