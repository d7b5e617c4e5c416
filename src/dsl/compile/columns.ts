import type { Column } from '../../model/types.js';
import { COLLATABLE } from '../columns/types.js';
import type { BoundColumn, TableDef } from '../bound-column.js';
import { encodeLiteral } from './literal.js';
import type { Reporter } from './report.js';

export function columnLabel(table: TableDef, column: BoundColumn): string {
  return `${table.schema}.${table.name}.${column.name}`;
}

function modelType(column: BoundColumn): string {
  const { type, isArray } = column.state;
  return isArray ? `${type.name}[]` : type.name;
}

/** Combinations the server rejects, reported here with the column's declaration site. */
function checkModifiers(table: TableDef, column: BoundColumn, report: Reporter): void {
  const s = column.state;
  const fail = (message: string): never => report.fail(table, s.location, columnLabel(table, column), message);
  const label = `Column ${columnLabel(table, column)}`;
  if (s.identity && (s.type.family !== 'integer' || s.isArray)) {
    fail(`${label} is an identity column but has type ${modelType(column)}; identity needs smallint, integer or bigint`);
  }
  if (s.identity && s.default) fail(`${label} has both an identity and a default; keep only one`);
  if (s.generated !== null && (s.default || s.identity)) {
    fail(`${label} is generated and cannot also have a default or an identity`);
  }
  if (s.collation !== null && !COLLATABLE[s.type.family]) {
    fail(`${label} has a collation but its type ${modelType(column)} is not collatable`);
  }
}

export function compileColumn(table: TableDef, column: BoundColumn, report: Reporter): Column {
  checkModifiers(table, column, report);
  const s = column.state;
  let defaultValue: Column['default'] = null;
  if (s.default && 'literal' in s.default) {
    const result = encodeLiteral(s.default.literal, s.type.family, s.isArray);
    if (!result.ok) report.fail(table, s.location, columnLabel(table, column), `Column ${columnLabel(table, column)} has an invalid default: ${result.reason}`);
    defaultValue = result.value;
  } else if (s.default) {
    defaultValue = { kind: 'sql', text: s.default.text };
  }
  const out: Column = {
    name: column.name,
    type: modelType(column),
    notNull: s.notNull,
    default: defaultValue,
    identity: s.identity,
    generated: s.generated,
    collation: s.collation,
    comment: s.comment,
    ...(s.renamedFrom !== null ? { renamedFrom: s.renamedFrom } : {}),
    ...(s.backfill !== null ? { backfill: s.backfill } : {}),
    ...(s.strategy !== null ? { strategy: s.strategy } : {}),
    ...(s.using !== null ? { using: s.using } : {}),
  };
  return out;
}
