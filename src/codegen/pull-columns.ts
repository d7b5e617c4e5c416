import type { TypeFamily } from '../dsl/columns/types.js';
import type { Column, Identity, SequenceOptions } from '../model/types.js';
import { builderCall, type BuilderCall } from './column-type.js';
import { sqlTemplate, str } from './names.js';
import type { SourceFile } from './source-file.js';

const TYPE_RANGE: Readonly<Record<string, readonly [string, string]>> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/** A sequence option value as TS source: a number when it is exact as one, a string otherwise. */
export function optionValue(value: string): string {
  const n = Number(value);
  return Number.isSafeInteger(n) && String(n) === value ? value : str(value);
}

/** Sequence (or identity) options that differ from what the server picks for `dataType`. */
export function nonDefaultOptions(options: Partial<SequenceOptions>, dataType: string): string[] {
  const [typeMin, typeMax] = TYPE_RANGE[dataType] ?? TYPE_RANGE.bigint!;
  const ascending = !(options.increment ?? '1').startsWith('-');
  const min = ascending ? '1' : typeMin;
  const max = ascending ? typeMax : '-1';
  const defaults: Record<string, string> = { increment: '1', min, max, cache: '1' };
  const out: string[] = [];
  const start = options.start;
  if (start !== undefined && start !== (ascending ? (options.min ?? min) : (options.max ?? max))) out.push(`start: ${optionValue(start)}`);
  for (const key of ['increment', 'min', 'max', 'cache'] as const) {
    const value = options[key];
    if (value !== undefined && value !== defaults[key]) out.push(`${key}: ${optionValue(value)}`);
  }
  if (options.cycle === true) out.push('cycle: true');
  return out;
}

function identityModifier(identity: Identity, dataType: string): string {
  const options = nonDefaultOptions(identity.options, dataType);
  if (options.length > 0) return `.identity(${str(identity.generation)}, { ${options.join(', ')} })`;
  return identity.generation === 'always' ? '.identity()' : `.identity('by-default')`;
}

const QUOTED = /^'((?:[^']|'')*)'::(.+)$/s;

/** A JS value for a server-printed default, when the DSL's literal default prints the same. */
function literalDefault(text: string, call: BuilderCall, type: string): string | null {
  if (call.isArray) return null;
  const family: TypeFamily = call.family;
  if (family === 'boolean' && (text === 'true' || text === 'false')) return text;
  if ((family === 'integer' || family === 'numeric') && /^[0-9]+(\.[0-9]+)?$/.test(text)) {
    return Number.isSafeInteger(Number(text)) && String(Number(text)) === text ? text : null;
  }
  const quoted = QUOTED.exec(text);
  if (!quoted || quoted[2] !== type) return null;
  const value = quoted[1]!.replace(/''/g, "'");
  if (family === 'text' || family === 'enum') return str(value);
  if (family === 'json') {
    try {
      const parsed: unknown = JSON.parse(value);
      // jsonb prints its own canonical text whatever the input spelling; json keeps the input.
      if (type === 'jsonb' || JSON.stringify(parsed) === value) return JSON.stringify(parsed);
    } catch {
      return null;
    }
  }
  return null;
}

function defaultModifier(column: Column, call: BuilderCall, file: SourceFile): string {
  const d = column.default;
  if (d === null) return '';
  if (d.kind === 'literal') return `.default(${typeof d.value === 'string' ? str(d.value) : String(d.value)})`;
  if (call.family === 'temporal' && d.text === 'now()') return '.defaultNow()';
  if (call.family === 'uuid' && !call.isArray && d.text === 'gen_random_uuid()') return '.defaultRandom()';
  const literal = literalDefault(d.text, call, column.type);
  if (literal !== null) return `.default(${literal})`;
  return `.default(${sqlExpr(d.text, file)})`;
}

/** A sql`…` template; records the import. */
export function sqlExpr(text: string, file: SourceFile): string {
  file.useDsl('sql');
  return sqlTemplate(text);
}

export function typeCall(call: BuilderCall, file: SourceFile): string {
  const callee = call.isEnum ? call.callee : file.useDsl(call.callee);
  const args = call.args.map((a) => (typeof a === 'number' ? String(a) : str(a))).join(', ');
  return `${callee}(${args})${call.isArray ? '.array()' : ''}`;
}

/** Column-level constraint shorthands the table decided on (see pull-table.ts). */
export interface ColumnShorthands {
  readonly primaryKey: boolean;
  readonly unique: string | null;
  readonly references: readonly string[];
}

/** The builder chain of one column, e.g. `text().notNull().default('')`. */
export function columnSource(column: Column, call: BuilderCall, short: ColumnShorthands, file: SourceFile, dbName: string | null): string {
  let out = typeCall(call, file);
  if (dbName !== null) out += `.named(${str(dbName)})`;
  const implied = short.primaryKey || column.identity !== null;
  if (column.notNull && !implied) out += '.notNull()';
  if (column.identity) out += identityModifier(column.identity, column.type);
  if (column.generated !== null) out += `.generatedAs(${sqlExpr(column.generated, file)})`;
  out += defaultModifier(column, call, file);
  if (column.collation !== null) out += `.collate(${str(column.collation)})`;
  if (short.primaryKey) out += '.primaryKey()';
  if (short.unique !== null) out += short.unique;
  for (const ref of short.references) out += ref;
  if (column.comment !== null) out += `.comment(${str(column.comment)})`;
  return out;
}

export { builderCall };
