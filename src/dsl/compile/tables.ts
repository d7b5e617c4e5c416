import type { Column, Constraint, Index, Table } from '../../model/types.js';
import type { TableDef } from '../bound-column.js';
import { compileColumn, columnLabel } from './columns.js';
import { constraintSpecs } from './constraint-specs.js';
import { indexSpecs } from './index-specs.js';
import { tableLabel, type NameRegistry } from './names.js';
import type { Reporter } from './report.js';
import type { Spec } from './spec.js';

function compileColumns(table: TableDef, report: Reporter): Column[] {
  for (const { key } of table.invalidColumns) {
    report.fail(table, table.location, `${tableLabel(table)}.${key}`, `Column ${key} of ${tableLabel(table)} has an unknown type: its value is not a column builder such as integer() or text()`);
  }
  const seen = new Set<string>();
  return table.columns.map((column) => {
    if (seen.has(column.name)) {
      report.fail(table, column.state.location, columnLabel(table, column), `Table ${tableLabel(table)} declares column ${column.name} twice`);
    }
    seen.add(column.name);
    return compileColumn(table, column, report);
  });
}

/** Table rows, after checking that no two tables (or a table and a sequence) share a name. */
export function tableObjects(tables: readonly TableDef[], names: NameRegistry, report: Reporter): Table[] {
  return tables.map((table) => {
    if (names.relationTaken(table.schema, table.name)) {
      report.fail(table, table.location, tableLabel(table), `Table ${tableLabel(table)} is declared twice, or has the name of another relation in schema ${table.schema}`);
    }
    names.reserveRelation(table.schema, table.name);
    return {
      kind: 'table',
      schema: table.schema,
      name: table.name,
      columns: compileColumns(table, report),
      comment: table.comment,
      ...(table.renamedFrom !== null ? { renamedFrom: table.renamedFrom } : {}),
    };
  });
}

/** The implicit sequences of identity columns occupy relation names the way the server picks them. */
function reserveIdentitySequences(tables: readonly Table[], names: NameRegistry): void {
  for (const table of tables) {
    for (const column of table.columns) {
      if (column.identity) names.generateRelation(table.schema, table.name, column.name, 'seq');
    }
  }
}

/**
 * The tables with the index each clusters on (an index declared `.clustered()`); a table has at most
 * one, as the server keeps one mark per table.
 */
export function withClusterOn(tables: readonly Table[], specs: readonly Spec[], objects: readonly (Constraint | Index)[], report: Reporter): Table[] {
  const chosen = new Map<string, { spec: Spec; name: string }>();
  specs.forEach((spec, i) => {
    if (spec.clustered !== true) return;
    const key = `${spec.table.schema}.${spec.table.name}`;
    const name = objects[i]!.name;
    const other = chosen.get(key);
    if (other !== undefined) {
      report.fail(spec.table, spec.location, tableLabel(spec.table), `Table ${tableLabel(spec.table)} marks two indexes .clustered() (${other.name} and ${name}); a table is clustered on one index at most, so keep .clustered() on one of them`);
    }
    chosen.set(key, { spec, name });
  });
  return tables.map((t) => {
    const c = chosen.get(`${t.schema}.${t.name}`);
    return c === undefined ? t : { ...t, clusterOn: c.name };
  });
}

/** Constraints and indexes of all tables, named: explicit names first, then PostgreSQL's convention. */
export function namedObjects(defs: readonly TableDef[], tables: readonly Table[], names: NameRegistry, report: Reporter): { specs: Spec[]; objects: (Constraint | Index)[] } {
  const specs = defs.flatMap((def) => [...constraintSpecs(def, report), ...indexSpecs(def, report)]);
  const chosen = new Map<Spec, string>();
  for (const spec of specs) if (spec.explicit !== null) chosen.set(spec, names.reserveExplicit(spec));
  reserveIdentitySequences(tables, names);
  for (const spec of specs) if (spec.explicit === null) chosen.set(spec, names.generate(spec));
  return { specs, objects: specs.map((spec) => spec.build(chosen.get(spec)!)) };
}
