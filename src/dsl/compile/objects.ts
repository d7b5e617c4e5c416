import type { EnumType, Extension, SchemaObj, Sequence } from '../../model/types.js';
import type { EnumTypeDef } from '../columns/types.js';
import { isTableColumn, TABLE_COLUMN, type TableDef } from '../bound-column.js';
import type { Collected } from './collect.js';
import type { NameRegistry } from './names.js';
import type { Reporter } from './report.js';

const MAX_LABEL_BYTES = 63;

/** Declared schemas plus every schema an object lives in (public exists already and is left out). */
export function schemaObjects(found: Collected, report: Reporter): SchemaObj[] {
  const byName = new Map<string, SchemaObj>();
  for (const ns of found.namespaces) {
    const previous = byName.get(ns.name);
    if (previous && previous.comment !== ns.comment && previous.comment !== null && ns.comment !== null) {
      report.fail(ns, ns.location, ns.name, `Schema ${ns.name} is declared twice with different comments`);
    }
    byName.set(ns.name, { kind: 'schema', name: ns.name, comment: ns.comment ?? previous?.comment ?? null });
  }
  const used = [...found.tables, ...found.enums, ...found.sequences, ...found.extensions, ...found.views].map((o) => o.schema);
  for (const name of used) {
    if (name !== 'public' && !byName.has(name)) byName.set(name, { kind: 'schema', name, comment: null });
  }
  return [...byName.values()];
}

export function extensionObjects(found: Collected, report: Reporter): Extension[] {
  const byName = new Map<string, Extension>();
  for (const ext of found.extensions) {
    const previous = byName.get(ext.name);
    if (previous && (previous.schema !== ext.schema || previous.version !== ext.version)) {
      report.fail(ext, ext.location, ext.name, `Extension ${ext.name} is declared twice with different schema or version`);
    }
    byName.set(ext.name, { kind: 'extension', name: ext.name, schema: ext.schema, version: ext.version });
  }
  return [...byName.values()];
}

function checkEnumValues(def: EnumTypeDef, report: Reporter): void {
  const label = `${def.schema}.${def.name}`;
  const seen = new Set<string>();
  for (const value of def.values) {
    if (seen.has(value)) report.fail(def, def.location, label, `Enum ${label} lists the value '${value}' twice`);
    if (value.length === 0 || new TextEncoder().encode(value).length > MAX_LABEL_BYTES) {
      report.fail(def, def.location, label, `Enum ${label} has the value '${value}', but enum labels must be 1 to 63 bytes long`);
    }
    seen.add(value);
  }
}

export function enumObjects(found: Collected, report: Reporter): EnumType[] {
  const byName = new Map<string, EnumTypeDef>();
  const tableNames = new Set(found.tables.map((t) => `${t.schema}.${t.name}`));
  return found.enums.map((def) => {
    const label = `${def.schema}.${def.name}`;
    const previous = byName.get(label);
    if (previous) {
      report.fail(def, def.location, label, `Enum ${label} is declared twice (also at ${previous.location ? `${previous.location.file}:${previous.location.line}` : 'another module'})`);
    }
    if (tableNames.has(label)) {
      report.fail(def, def.location, label, `Enum ${label} has the same name as table ${label}, whose row type already uses that type name`);
    }
    byName.set(label, def);
    checkEnumValues(def, report);
    return {
      kind: 'enum',
      schema: def.schema,
      name: def.name,
      values: def.values,
      comment: def.comment,
      ...(def.renamedFrom !== null ? { renamedFrom: def.renamedFrom } : {}),
    };
  });
}

function ownedBy(found: Collected, def: Collected['sequences'][number], report: Reporter): Sequence['ownedBy'] {
  if (!def.ownedBy) return null;
  const label = `${def.schema}.${def.name}`;
  const target = def.ownedBy();
  if (!isTableColumn(target)) report.fail(def, def.location, label, `Sequence ${label} is owned by something that is not a column of a table`);
  const column = target[TABLE_COLUMN];
  const table: TableDef = column.table;
  if (!found.tables.includes(table)) {
    report.fail(def, def.location, label, `Sequence ${label} is owned by a column of table ${table.schema}.${table.name}, which is not exported by any schema module`);
  }
  if (table.schema !== def.schema) {
    report.fail(def, def.location, label, `Sequence ${label} must be in the same schema as its owning table ${table.schema}.${table.name}`);
  }
  return { table: table.name, column: column.name };
}

export function sequenceObjects(found: Collected, names: NameRegistry, report: Reporter): Sequence[] {
  return found.sequences.map((def) => {
    const label = `${def.schema}.${def.name}`;
    if (names.relationTaken(def.schema, def.name)) {
      report.fail(def, def.location, label, `Sequence ${label} has the name of another table or sequence in schema ${def.schema}`);
    }
    names.reserveRelation(def.schema, def.name);
    return { kind: 'sequence', schema: def.schema, name: def.name, options: def.options, ownedBy: ownedBy(found, def, report), comment: def.comment };
  });
}
