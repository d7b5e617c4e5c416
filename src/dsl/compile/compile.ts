import { buildModel } from '../../model/model.js';
import type { Constraint, DbObject, Index, Model } from '../../model/types.js';
import { collect, type SchemaModule } from './collect.js';
import { tableLabel, NameRegistry } from './names.js';
import { enumObjects, extensionObjects, schemaObjects, sequenceObjects } from './objects.js';
import { Reporter } from './report.js';
import type { Spec } from './spec.js';
import { namedObjects, tableObjects, withClusterOn } from './tables.js';
import { viewObjects } from './views.js';

export interface CompileResult {
  readonly model: Model;
  /** SQL written in TypeScript modules with sqlDefinitions(), run like .sql schema files. */
  readonly sql: readonly { readonly file: string; readonly sql: string }[];
}

/** Column sets a foreign key may reference: a primary key, a unique constraint or a plain unique index. */
function uniqueSets(objects: readonly (Constraint | Index)[], schema: string, table: string): string[][] {
  const sets: string[][] = [];
  for (const obj of objects) {
    if (obj.schema !== schema || obj.table !== table) continue;
    if (obj.kind === 'index') {
      if (obj.unique && obj.where === null && obj.keys.every((k) => k.column !== null)) sets.push(obj.keys.map((k) => k.column ?? ''));
    } else if (obj.type === 'primary-key' || obj.type === 'unique') {
      sets.push([...obj.columns]);
    }
  }
  return sets;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));

function checkForeignKeys(specs: readonly Spec[], objects: readonly (Constraint | Index)[], tables: readonly object[], report: Reporter): void {
  for (const spec of specs) {
    const ref = spec.references;
    if (!ref) continue;
    const target = `${ref.table.schema}.${ref.table.name}`;
    const where = `The ${spec.describe} on ${tableLabel(spec.table)}`;
    if (!tables.includes(ref.table)) {
      report.fail(spec.table, spec.location, tableLabel(spec.table), `${where} references table ${target}, which is not exported by any schema module`);
    }
    if (!uniqueSets(objects, ref.table.schema, ref.table.name).some((set) => sameSet(set, ref.columns))) {
      report.fail(spec.table, spec.location, tableLabel(spec.table), `${where} references ${target} (${ref.columns.join(', ')}), which is not its primary key or a unique constraint`);
    }
  }
}

/**
 * Turns the exports of schema modules into the desired model. Every user mistake the DSL can see
 * is a SchemaError naming the object and its declaration; the server is never asked.
 */
export function compile(modules: readonly SchemaModule[]): CompileResult {
  const found = collect(modules);
  const report = new Reporter(found.fileOf);
  const names = new NameRegistry(report);
  const plainTables = tableObjects(found.tables, names, report);
  const before: DbObject[] = [
    ...schemaObjects(found, report),
    ...extensionObjects(found, report),
    ...enumObjects(found, report),
    ...sequenceObjects(found, names, report),
  ];
  const views = viewObjects(found.views, new Set(found.tables.map((t) => `${t.schema}.${t.name}`)), report);
  // After the sequences, whose explicit names generated index names step around.
  const named = namedObjects(found.tables, plainTables, names, report);
  const objects: DbObject[] = [...before, ...withClusterOn(plainTables, named.specs, named.objects, report), ...views];
  checkForeignKeys(named.specs, named.objects, found.tables, report);
  const sql = found.sqlDefinitions.map((d) => ({
    file: d.location ? `${d.location.file}:${d.location.line}` : (found.fileOf.get(d) ?? '<schema module>'),
    sql: d.text,
  }));
  return { model: buildModel([...objects, ...named.objects]), sql };
}

export type { SchemaModule };
