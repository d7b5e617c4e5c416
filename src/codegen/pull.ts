import { usageError } from '../errors.js';
import { relationId } from '../model/ids.js';
import type { EnumType, Extension, Model, SchemaObj, Sequence } from '../model/types.js';
import { nonDefaultOptions } from './pull-columns.js';
import { pullContext, SHARED_FILE, SQL_MODULE, type PullContext } from './pull-context.js';
import { dslPart, pulledSql } from './pull-sql.js';
import { columnKeys, tableSource, unsupportedColumns } from './pull-table.js';
import { member, sqlTemplate, str } from './names.js';
import { SourceFile } from './source-file.js';

/** The text initdb gives schema public; a public schema with it needs no declaration. */
const PUBLIC_COMMENT = 'standard public schema';

const HEADER = '// Written by `pgtide pull`. This is now your schema source: edit it, then run `pgtide plan`.';

/** Views, routines, triggers, policies, privileges, table options and partitioned tables the DSL does not declare. */
export const SQL_FILE = `${SQL_MODULE}.ts`;

/**
 * The SQL part is a TypeScript module that index.ts re-exports, not a .sql file: a config whose
 * "schema" lists index.ts (what init writes) then reaches it, with no entry to add by hand.
 */
const SQL_HEADER = `// Written by \`pgtide pull\`: what the other modules do not declare (views, functions, triggers,
// policies, privileges, table options, partitioned and INHERITS tables), as SQL. pgtide runs it with
// them, in an order that lets either refer to the other. Edit it, then run \`pgtide plan\`.`;

function sqlModule(ctx: PullContext, sql: string): string {
  const file = new SourceFile(SQL_MODULE);
  file.useDsl('sql');
  const body = sqlTemplate(`\n${sql.trim()}\n`);
  file.declarations.push(`export const ${ctx.sqlObjects.name} = ${file.useDsl('sqlDefinitions')}(${body});`);
  return file.render(SQL_HEADER);
}

export interface PulledSource {
  /** File name (relative to the schema folder) → TypeScript source, in a stable order. */
  readonly files: ReadonlyMap<string, string>;
}

function namespaceSource(ctx: PullContext, file: SourceFile, name: string, obj: SchemaObj | undefined): string | null {
  const comment = obj?.comment ?? null;
  if (name === 'public') {
    if (comment === null || comment === PUBLIC_COMMENT) return null;
    return `export const publicSchema = ${file.useDsl('schema')}('public').comment(${str(comment)});`;
  }
  const ref = ctx.namespaces.get(name)!;
  return `export const ${ref.name} = ${file.useDsl('schema')}(${str(name)})${comment === null ? '' : `.comment(${str(comment)})`};`;
}

function extensionSource(ctx: PullContext, file: SourceFile, id: string, e: Extension): string {
  const ref = ctx.extensions.get(id)!;
  const options = e.schema === 'public' ? '' : `, { schema: ${str(e.schema)} }`;
  return `export const ${ref.name} = ${file.useDsl('extension')}(${str(e.name)}${options});`;
}

function factory(ctx: PullContext, file: SourceFile, schema: string, fn: 'enumType' | 'sequence'): string {
  const ns = ctx.namespaces.get(schema);
  return ns ? `${file.useLocal(ns.file, ns.name)}.${fn}` : file.useDsl(fn);
}

function enumSource(ctx: PullContext, file: SourceFile, id: string, e: EnumType): string {
  const ref = ctx.enumVars.get(id)!;
  const values = `[${e.values.map(str).join(', ')}]`;
  const comment = e.comment === null ? '' : `.comment(${str(e.comment)})`;
  return `export const ${ref.name} = ${factory(ctx, file, e.schema, 'enumType')}(${str(e.name)}, ${values})${comment};`;
}

function sequenceSource(ctx: PullContext, file: SourceFile, id: string, s: Sequence): string {
  const ref = ctx.sequences.get(id)!;
  const dataType = s.options.dataType ?? 'bigint';
  const options = [...(dataType === 'bigint' ? [] : [`as: ${str(dataType)}`]), ...nonDefaultOptions(s.options, dataType)];
  if (s.ownedBy) {
    const tableId = relationId('table', s.schema, s.ownedBy.table);
    const table = ctx.model.table.get(tableId);
    const tableRef = ctx.tables.get(tableId);
    if (table && tableRef) {
      const key = columnKeys(table).get(s.ownedBy.column) ?? s.ownedBy.column;
      options.push(`ownedBy: () => ${member(file.useLocal(tableRef.file, tableRef.name), key)}`);
    }
  }
  if (s.comment !== null) options.push(`comment: ${str(s.comment)}`);
  const args = options.length === 0 ? '' : `, { ${options.join(', ')} }`;
  return `export const ${ref.name} = ${factory(ctx, file, s.schema, 'sequence')}(${str(s.name)}${args});`;
}

function sharedFile(ctx: PullContext, model: Model): SourceFile | null {
  const file = new SourceFile(SHARED_FILE);
  const schemas = new Map([...model.schema.values()].map((s) => [s.name, s]));
  for (const name of new Set(['public', ...ctx.namespaces.keys()])) {
    const text = namespaceSource(ctx, file, name, schemas.get(name));
    if (text !== null) file.declarations.push(text);
  }
  for (const [id, e] of model.extension) file.declarations.push(extensionSource(ctx, file, id, e));
  for (const [id, e] of model.enum) file.declarations.push(enumSource(ctx, file, id, e));
  return file.declarations.length > 0 ? file : null;
}

/**
 * Turns a model (usually introspected from a live database) into DSL modules: `common.ts` for
 * schemas, extensions and enums, one module per schema for its sequences and tables, `objects.ts`
 * for what only SQL declares, and `index.ts` re-exporting them all. Every name is allocated up front, so the output depends only on the model.
 */
export function pullSource(full: Model): PulledSource {
  const model = dslPart(full);
  const ctx = pullContext(model);
  const unsupported = [...model.table.values()].flatMap((t) => unsupportedColumns(ctx, t));
  if (unsupported.length > 0) {
    throw usageError(
      `pgtide pull cannot declare the type of these columns in the TypeScript DSL yet: ${unsupported.join(', ')}. Nothing was written. Leave their schemas out with the config's "schemas", or declare those tables in a .sql schema file.`,
    );
  }
  const files = new Map<string, SourceFile>();
  const shared = sharedFile(ctx, model);
  if (shared) files.set(SHARED_FILE, shared);
  const fileFor = (name: string): SourceFile => files.get(name) ?? files.set(name, new SourceFile(name)).get(name)!;
  for (const [id, s] of model.sequence) {
    const file = fileFor(ctx.sequences.get(id)!.file);
    file.declarations.push(sequenceSource(ctx, file, id, s));
  }
  for (const [id, t] of model.table) {
    const file = fileFor(ctx.tables.get(id)!.file);
    file.declarations.push(tableSource(ctx, file, t));
  }
  const out = new Map<string, string>();
  const names = [...files.keys()].sort((a, b) => (a === SHARED_FILE ? -1 : b === SHARED_FILE ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) out.set(`${name}.ts`, files.get(name)!.render(HEADER));
  const sql = pulledSql(full);
  if (sql !== null) {
    out.set(SQL_FILE, sqlModule(ctx, sql));
    names.push(SQL_MODULE);
  }
  const index = names.map((n) => `export * from './${n}.js';`).join('\n');
  out.set('index.ts', `${HEADER}\n\n${index || 'export {};'}\n`);
  return { files: out };
}
