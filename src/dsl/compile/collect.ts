import type { EnumTypeDef } from '../columns/types.js';
import { ENUM, isEnumType } from '../enum.js';
import { EXTENSION, isExtension, type ExtensionDef } from '../extension.js';
import { isNamespace, NAMESPACE, type NamespaceDef } from '../namespace.js';
import { isSequence, SEQUENCE, type SequenceDef } from '../sequence.js';
import type { TableDef } from '../bound-column.js';
import { isTable, TABLE } from '../table.js';
import { isSqlDefinitions, SQL_DEFINITIONS, type SqlDefinitionsDef } from '../sql-definitions.js';
import { isView, VIEW, type ViewDef } from '../view.js';

export interface SchemaModule {
  /** Path of the module, used in error messages when a declaration site is unknown. */
  readonly file: string;
  readonly exports: Readonly<Record<string, unknown>>;
}

/** Every DSL object found, each once, with the module it was first found in. */
export interface Collected {
  readonly tables: TableDef[];
  readonly enums: EnumTypeDef[];
  readonly sequences: SequenceDef[];
  readonly extensions: ExtensionDef[];
  readonly namespaces: NamespaceDef[];
  readonly views: ViewDef[];
  readonly sqlDefinitions: SqlDefinitionsDef[];
  readonly fileOf: Map<object, string>;
}

function add<T extends object>(list: T[], fileOf: Map<object, string>, def: T, file: string): void {
  if (fileOf.has(def)) return;
  fileOf.set(def, file);
  list.push(def);
}

function collectValue(out: Collected, value: unknown, file: string): void {
  if (isTable(value)) {
    const def = value[TABLE];
    add(out.tables, out.fileOf, def, file);
    // Enums used by columns belong to the schema even when nobody exports them.
    for (const column of def.columns) {
      const enumDef = column.state.type.enum;
      if (enumDef) add(out.enums, out.fileOf, enumDef, file);
    }
  } else if (isEnumType(value)) add(out.enums, out.fileOf, value[ENUM], file);
  else if (isSequence(value)) add(out.sequences, out.fileOf, value[SEQUENCE], file);
  else if (isExtension(value)) add(out.extensions, out.fileOf, value[EXTENSION], file);
  else if (isNamespace(value)) add(out.namespaces, out.fileOf, value[NAMESPACE], file);
  else if (isView(value)) add(out.views, out.fileOf, value[VIEW], file);
  else if (isSqlDefinitions(value)) add(out.sqlDefinitions, out.fileOf, value[SQL_DEFINITIONS], file);
}

/**
 * Exports are scanned in module order; an object re-exported by several modules (an index.ts that
 * re-exports everything) is the same object and is taken once. Non-DSL exports are ignored so that
 * schema modules may export helpers too.
 */
export function collect(modules: readonly SchemaModule[]): Collected {
  const out: Collected = { tables: [], enums: [], sequences: [], extensions: [], namespaces: [], views: [], sqlDefinitions: [], fileOf: new Map() };
  for (const mod of modules) {
    for (const value of Object.values(mod.exports)) collectValue(out, value, mod.file);
  }
  return out;
}
