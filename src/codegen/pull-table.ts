import { distinctColumnNames, expressionColumnName, makeObjectName, nameAddition } from '../model/naming.js';
import { usageError } from '../errors.js';
import { relationId } from '../model/ids.js';
import type { Constraint, ForeignKeyConstraint, Index, IndexKey, Table } from '../model/types.js';
import { builderCall, columnSource, sqlExpr, type ColumnShorthands } from './pull-columns.js';
import { referencedId, type PullContext } from './pull-context.js';
import { member, propertyKey, str } from './names.js';
import type { SourceFile } from './source-file.js';

const TABLE_METHODS = new Set(['comment', 'renamedFrom']);

/** Keys of a table's columns in its DSL object: the column name, unless it clashes with a table method. */
export function columnKeys(table: Table): Map<string, string> {
  const names = new Set(table.columns.map((c) => c.name));
  const keys = new Map<string, string>();
  for (const c of table.columns) {
    let key = c.name;
    while (TABLE_METHODS.has(key) || (key !== c.name && names.has(key))) key = `${key}_`;
    keys.set(c.name, key);
  }
  return keys;
}

interface TableParts {
  readonly table: Table;
  readonly keys: Map<string, string>;
  readonly constraints: Constraint[];
  readonly indexes: Index[];
}

function columnRef(ctx: PullContext, file: SourceFile, schema: string, table: string, column: string, self: string): string {
  const id = relationId('table', schema, table);
  const target = ctx.model.table.get(id);
  const ref = ctx.tables.get(id);
  if (!target || !ref) {
    throw usageError(`A foreign key references table ${schema}.${table}, which is not part of what was pulled. Pull its schema too (config "schemas").`);
  }
  const key = columnKeys(target).get(column) ?? column;
  return member(ref.name === self ? self : file.useLocal(ref.file, ref.name), key);
}

function fkOptions(fk: ForeignKeyConstraint, withName: boolean): string[] {
  const out: string[] = [];
  if (fk.onDelete !== 'no action') out.push(`onDelete: ${str(fk.onDelete)}`);
  if (fk.onUpdate !== 'no action') out.push(`onUpdate: ${str(fk.onUpdate)}`);
  if (fk.match !== 'simple') out.push(`match: ${str(fk.match)}`);
  if (fk.deferrable) out.push('deferrable: true');
  if (fk.initiallyDeferred) out.push('initiallyDeferred: true');
  if (withName) out.push(`name: ${str(fk.name)}`);
  return out;
}

function thunk(ctx: PullContext, file: SourceFile, parts: TableParts, fk: ForeignKeyConstraint, many: boolean): string {
  const selfVar = ctx.tables.get(relationId('table', parts.table.schema, parts.table.name))?.name ?? '';
  const refs = fk.references.columns.map((c) => columnRef(ctx, file, fk.references.schema, fk.references.table, c, selfVar));
  const typed = ctx.cyclic(parts.table, referencedId(fk));
  const annotation = typed ? `: ${many ? 'readonly ' : ''}${file.useDslType('AnyTableColumn')}${many ? '[]' : ''}` : '';
  return `()${annotation} => ${many ? `[${refs.join(', ')}]` : refs[0]}`;
}

const defaultName = (table: Table, columns: readonly string[] | null, label: string): string =>
  makeObjectName(table.name, columns === null ? null : nameAddition(columns), label);

/** Decides which constraints are written on their column and renders those modifiers. */
function shorthands(ctx: PullContext, file: SourceFile, parts: TableParts): { byColumn: Map<string, ColumnShorthands>; rest: Constraint[] } {
  const byColumn = new Map<string, { primaryKey: boolean; unique: string | null; references: string[] }>();
  const slot = (c: string) => byColumn.get(c) ?? byColumn.set(c, { primaryKey: false, unique: null, references: [] }).get(c)!;
  const rest: Constraint[] = [];
  for (const c of parts.constraints) {
    const single = c.type !== 'check' && c.type !== 'exclusion' && c.columns.length === 1 && c.comment === null ? c.columns[0]! : null;
    if (single !== null && c.type === 'primary-key' && !c.deferrable && c.name === defaultName(parts.table, null, 'pkey')) {
      slot(single).primaryKey = true;
    } else if (single !== null && c.type === 'unique' && !c.deferrable && slot(single).unique === null) {
      const options = [
        ...(c.name !== defaultName(parts.table, c.columns, 'key') ? [`name: ${str(c.name)}`] : []),
        ...(c.nullsNotDistinct ? ['nullsNotDistinct: true'] : []),
      ];
      slot(single).unique = options.length === 0 ? '.unique()' : `.unique({ ${options.join(', ')} })`;
    } else if (single !== null && c.type === 'foreign-key' && !c.notValid) {
      const options = fkOptions(c, c.name !== defaultName(parts.table, c.columns, 'fkey'));
      const opts = options.length === 0 ? '' : `, { ${options.join(', ')} }`;
      slot(single).references.push(`.references(${thunk(ctx, file, parts, c, false)}${opts})`);
    } else {
      rest.push(c);
    }
  }
  return { byColumn, rest };
}

function cols(parts: TableParts, columns: readonly string[]): string {
  return columns.map((c) => member('t', parts.keys.get(c) ?? c)).join(', ');
}

function constraintExtra(ctx: PullContext, file: SourceFile, parts: TableParts, c: Constraint): string {
  let out: string;
  switch (c.type) {
    case 'primary-key':
      out = `${file.useDsl('primaryKey')}(${cols(parts, c.columns)})`;
      if (c.name !== defaultName(parts.table, null, 'pkey')) out += `.named(${str(c.name)})`;
      break;
    case 'unique':
      out = `${file.useDsl('unique')}(${cols(parts, c.columns)})`;
      if (c.name !== defaultName(parts.table, c.columns, 'key')) out += `.named(${str(c.name)})`;
      if (c.nullsNotDistinct) out += '.nullsNotDistinct()';
      break;
    case 'foreign-key': {
      const options = fkOptions(c, c.name !== defaultName(parts.table, c.columns, 'fkey'));
      const fields = [`columns: [${cols(parts, c.columns)}]`, `references: ${thunk(ctx, file, parts, c, true)}`, ...options];
      out = `${file.useDsl('foreignKey')}({ ${fields.join(', ')} })`;
      if (c.notValid) out += '.notValid()';
      break;
    }
    case 'check':
      out = `${file.useDsl('check')}(${str(c.name)}, ${sqlExpr(c.expression, file)})`;
      if (c.noInherit) out += '.noInherit()';
      if (c.notValid) out += '.notValid()';
      break;
    case 'exclusion':
      out = `${file.useDsl('exclude')}(${str(c.name)}, ${sqlExpr(c.definition, file)})`;
      break;
    default: {
      const never: never = c;
      throw new Error(`pull: unknown constraint ${JSON.stringify(never)}`);
    }
  }
  if ((c.type === 'primary-key' || c.type === 'unique' || c.type === 'exclusion') && c.deferrable) {
    out += c.initiallyDeferred ? '.deferrable({ initiallyDeferred: true })' : '.deferrable()';
  }
  if (c.comment !== null) out += `.comment(${str(c.comment)})`;
  return out;
}

function keySource(parts: TableParts, k: IndexKey, file: SourceFile): string {
  const modifiers: string[] = [];
  if (k.descending) modifiers.push('.desc()');
  if (k.nullsFirst !== k.descending) modifiers.push(k.nullsFirst ? '.nullsFirst()' : '.nullsLast()');
  if (k.opclass !== null) modifiers.push(`.opclass(${str(k.opclass)})`);
  if (k.collation !== null) modifiers.push(`.collate(${str(k.collation)})`);
  if (k.column !== null) return `${member('t', parts.keys.get(k.column) ?? k.column)}${modifiers.join('')}`;
  const expr = sqlExpr(k.expression ?? '', file);
  return modifiers.length === 0 ? expr : `${file.useDsl('key')}(${expr})${modifiers.join('')}`;
}

function indexDefaultName(table: Table, ix: Index): string {
  const names = ix.keys.map((k) => k.column ?? expressionColumnName(k.expression ?? ''));
  return makeObjectName(table.name, nameAddition(distinctColumnNames([...names, ...ix.include])), 'idx');
}

function storageValue(value: string): string {
  return /^(true|false)$/.test(value) ? value : str(value);
}

function indexExtra(parts: TableParts, ix: Index, file: SourceFile): string {
  const name = ix.name === indexDefaultName(parts.table, ix) ? '' : str(ix.name);
  let out = `${file.useDsl('index')}(${name}).on(${ix.keys.map((k) => keySource(parts, k, file)).join(', ')})`;
  if (ix.unique) out += '.unique()';
  if (ix.nullsNotDistinct) out += '.nullsNotDistinct()';
  if (ix.method !== 'btree') out += `.using(${str(ix.method)})`;
  if (ix.include.length > 0) out += `.include(${cols(parts, ix.include)})`;
  if (ix.where !== null) out += `.where(${sqlExpr(ix.where, file)})`;
  if (ix.with.length > 0) {
    const entries = ix.with.map((w) => {
      const at = w.indexOf('=');
      return `${propertyKey(w.slice(0, at))}: ${storageValue(w.slice(at + 1))}`;
    });
    out += `.with({ ${entries.join(', ')} })`;
  }
  if (ix.comment !== null) out += `.comment(${str(ix.comment)})`;
  if (parts.table.clusterOn === ix.name) out += '.clustered()';
  return out;
}

/** Columns whose type the DSL cannot spell, as `schema.table.column (type)`. */
export function unsupportedColumns(ctx: PullContext, table: Table): string[] {
  const enums = new Map([...ctx.enums].map(([k, v]) => [k, v.name]));
  return table.columns.filter((c) => builderCall(c.type, enums) === null).map((c) => `${table.schema}.${table.name}.${c.name} (${c.type})`);
}

/** `export const users = table('users', { … }, (t) => [ … ]);` */
export function tableSource(ctx: PullContext, file: SourceFile, table: Table): string {
  const id = relationId('table', table.schema, table.name);
  const parts: TableParts = {
    table,
    keys: columnKeys(table),
    constraints: [...(ctx.constraintsOf.get(id) ?? [])],
    indexes: [...(ctx.indexesOf.get(id) ?? [])],
  };
  const enums = new Map([...ctx.enums].map(([k, v]) => [k, v.name]));
  const { byColumn, rest } = shorthands(ctx, file, parts);
  const columnLines = table.columns.map((c) => {
    const call = builderCall(c.type, enums);
    if (call === null) throw new Error(`pull: column ${table.schema}.${table.name}.${c.name} has type ${c.type}, which the DSL cannot declare`);
    if (call.isEnum) {
      const ref = ctx.enums.get(c.type.endsWith('[]') ? c.type.slice(0, -2) : c.type);
      if (ref) file.useLocal(ref.file, ref.name);
    }
    const key = parts.keys.get(c.name) ?? c.name;
    const short = byColumn.get(c.name) ?? { primaryKey: false, unique: null, references: [] };
    return `  ${propertyKey(key)}: ${columnSource(c, call, short, file, key === c.name ? null : c.name)},`;
  });
  const extras = [...rest.map((c) => constraintExtra(ctx, file, parts, c)), ...parts.indexes.map((ix) => indexExtra(parts, ix, file))];
  const ref = ctx.tables.get(id)!;
  const ns = ctx.namespaces.get(table.schema);
  const factory = ns ? `${file.useLocal(ns.file, ns.name)}.table` : file.useDsl('table');
  const columnsText = columnLines.length === 0 ? '{}' : `{\n${columnLines.join('\n')}\n}`;
  const usesT = extras.some((e) => /\bt[.[]/.test(e));
  const extrasText = extras.length === 0 ? '' : `, (${usesT ? 't' : ''}) => [\n${extras.map((e) => `  ${e},`).join('\n')}\n]`;
  const comment = table.comment === null ? '' : `.comment(${str(table.comment)})`;
  return `export const ${ref.name} = ${factory}(${str(table.name)}, ${columnsText}${extrasText})${comment};`;
}
