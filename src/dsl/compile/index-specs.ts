import type { Index, IndexKey } from '../../model/types.js';
import { INDEX_KEY, IndexKeyBuilder } from '../bound-column.js';
import { INDEX, isIndexBuilder, type IndexKeyInput, type IndexState } from '../index-builder.js';
import { distinctColumnNames, expressionColumnName, nameAddition } from '../../model/naming.js';
import { isSqlFragment } from '../sql.js';
import type { TableDef } from '../bound-column.js';
import { tableLabel } from './names.js';
import { ownColumns } from './own-columns.js';
import type { Reporter } from './report.js';
import type { Spec } from './spec.js';

function isIndexKey(input: IndexKeyInput): input is IndexKeyBuilder {
  return typeof input === 'object' && input !== null && INDEX_KEY in input;
}

function modelKey(table: TableDef, state: IndexState, input: IndexKeyInput, report: Reporter): IndexKey {
  // A brand check, not instanceof: schema modules may load their own copy of the DSL module.
  const key = isIndexKey(input) ? input[INDEX_KEY] : new IndexKeyBuilder(input)[INDEX_KEY];
  const { source } = key;
  const common = {
    opclass: key.opclass,
    collation: key.collation,
    descending: key.descending,
    nullsFirst: key.nullsFirst ?? key.descending,
  };
  if (isSqlFragment(source)) return { column: null, expression: source.text, ...common };
  const [column] = ownColumns(table, [source], state.location, 'index', report);
  return { column: column!, expression: null, ...common };
}

/** Names as ChooseIndexColumnNames would give them, key columns then INCLUDE columns. */
function keyNames(keys: readonly IndexKey[], include: readonly string[]): string[] {
  const names = keys.map((k) => k.column ?? expressionColumnName(k.expression ?? ''));
  return distinctColumnNames([...names, ...include]);
}

function storageParams(params: IndexState['with']): string[] {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${String(value)}`)
    .sort();
}

function indexSpec(table: TableDef, state: IndexState, report: Reporter): Spec {
  if (state.keys.length === 0) {
    report.fail(table, state.location, tableLabel(table), `An index on ${tableLabel(table)} has no keys; add them with .on(column, …)`);
  }
  const keys = state.keys.map((k) => modelKey(table, state, k, report));
  const include = state.include.length === 0 ? [] : ownColumns(table, state.include, state.location, 'index', report);
  const names = keyNames(keys, include);
  return {
    table,
    location: state.location,
    explicit: state.name,
    addition: nameAddition(names),
    label: 'idx',
    isRelation: true,
    describe: `index on (${names.join(', ')})`,
    ...(state.clustered ? { clustered: true as const } : {}),
    build: (name): Index => ({
      kind: 'index',
      schema: table.schema,
      table: table.name,
      name,
      unique: state.unique,
      nullsNotDistinct: state.nullsNotDistinct,
      method: state.method,
      keys,
      include,
      where: state.where,
      with: storageParams(state.with),
      comment: state.comment,
      ...(state.renamedFrom !== null ? { renamedFrom: state.renamedFrom } : {}),
    }),
  };
}

export function indexSpecs(table: TableDef, report: Reporter): Spec[] {
  return table.extras.filter(isIndexBuilder).map((b) => indexSpec(table, b[INDEX], report));
}
