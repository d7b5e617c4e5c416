import fc from 'fast-check';

/**
 * A random schema as plain data (so fast-check can shrink and print it), turned into DSL exports by
 * build.ts. Names come from small pools so that two independently drawn schemas share most tables
 * and columns: the pair then differs by column types, nullability, defaults, keys and indexes,
 * which is what the planner has to get right. The pools include names that need quoting.
 */

export const TYPES = [
  'smallint', 'integer', 'bigint', 'numeric', 'numeric(10,2)', 'real', 'double precision',
  'text', 'varchar', 'varchar(20)', 'char(3)', 'date', 'time', 'timetz', 'timestamp', 'timestamptz(3)',
  'timestamptz', 'interval', 'boolean', 'uuid', 'bytea', 'json', 'jsonb', 'inet', 'cidr', 'macaddr',
  'integer[]', 'text[]', 'enum:mood', 'enum:Status Code',
] as const;
export type TypeKey = (typeof TYPES)[number];

export const INTEGER_TYPES: readonly TypeKey[] = ['smallint', 'integer', 'bigint'];
/** Types without a btree equality operator class: never in keys, unique constraints or indexes. */
export const UNINDEXABLE: readonly TypeKey[] = ['json'];

// Hostile names among the pools: each control or line-break character here would end a `--` comment
// (\n, \r) or look like it does (\v, \f, U+0085, U+2028, U+2029) if a name reached one unescaped.
export const TABLE_NAMES = ['accounts', 'Order Items', 'select', 'tëst', 'line\nDROP TABLE x; --'] as const;
export const COLUMN_NAMES = ['id', 'name', 'Total', 'user id', 'from', 'qty', 'a"b', 'ünï', 'cr\rSELECT 1;\r--', 'ls\u2028ps\u2029nel\u0085', 'vt\v ff\f tab\t esc\u001b[0m'] as const;
export const SCHEMAS = ['public', 'sales'] as const;

export interface ColumnSpec {
  readonly name: string;
  readonly type: TypeKey;
  readonly notNull: boolean;
  /** Index into the type's default pool; null for no default. */
  readonly defaultPick: number | null;
  readonly identity: 'always' | 'by-default' | null;
  /** Stored generated column computed from the first plain integer column (if the table has one). */
  readonly generated: boolean;
  readonly comment: string | null;
}

export interface IndexSpec {
  readonly columns: readonly number[];
  readonly unique: boolean;
  readonly partial: boolean;
  readonly desc: boolean;
}

export interface TableSpec {
  readonly schema: (typeof SCHEMAS)[number];
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** Column positions (into `columns`, modulo length). */
  readonly primaryKey: readonly number[] | null;
  readonly uniques: readonly (readonly number[])[];
  readonly checks: readonly number[];
  /** EXCLUDE USING btree (<columns> WITH =): an exclusion constraint no extension is needed for. */
  readonly exclusions?: readonly (readonly number[])[];
  readonly indexes: readonly IndexSpec[];
  /** Tables (by position in the schema's table list) this one references through their key. */
  readonly references: readonly { readonly table: number; readonly onDelete: 'no action' | 'cascade' | 'set null' | 'restrict' }[];
  readonly comment: string | null;
}

export const VIEW_NAMES = ['v', 'Active View', 'order', 'view\r\n-- pgtide:no-transaction'] as const;

/**
 * A view selecting some columns of a table (by position in the schema's table list, modulo) or of an
 * earlier view (a chain), optionally filtered: column changes under it make the planner drop and
 * re-create it, and what reads it, in dependency order.
 */
export interface ViewSpec {
  readonly schema: (typeof SCHEMAS)[number];
  readonly name: (typeof VIEW_NAMES)[number];
  readonly over: { readonly kind: 'table' | 'view'; readonly index: number };
  /** Column positions of what it reads (modulo its column count). */
  readonly columns: readonly number[];
  /** WHERE <first selected column> IS NOT NULL */
  readonly filter: boolean;
}

export interface EnumSpec {
  readonly name: 'mood' | 'Status Code';
  readonly values: readonly string[];
}

export interface SchemaSpec {
  readonly enums: readonly EnumSpec[];
  readonly tables: readonly TableSpec[];
  readonly views?: readonly ViewSpec[];
}

const COMMENTS = ['plain', "it's -- not a comment", 'ends with a backslash \\', '$$; DROP TABLE x; --', 'ünïcödé ✓', 'two\nlines;\rDROP TABLE x; --\u2028'];
const ENUM_VALUES = ['happy', 'sad', 'meh', "it's", 'Two Words', 'ok', 'new\nline\u2029'];

/**
 * Pieces of hostile identifiers: every character that ends a line for PostgreSQL, psql, pgtide's
 * splitter, editors or terminals, control and format characters, comment and quote markers, and
 * statements that would run if a name ever ended the comment it is written in.
 */
const HOSTILE_PIECES = [
  'a', 'Z', 'é', '7', ' ', '_', '\n', '\r', '\r\n', '\v', '\f', '\t', '\u0085', '\u2028', '\u2029', '\u001b[2K', '\u202e',
  '\u200b', '\u007f', '\u0001', '--', '/*', '*/', ';', '"', "'", '\\', '$$', 'DROP TABLE vault.victim;', '-- pgtide:no-transaction',
];
const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

/**
 * A hostile but valid PostgreSQL identifier: no NUL, and short enough (at most 40 of the 63 bytes)
 * that names derived from it (`<table>_pkey`) are not truncated either.
 */
export const hostileName: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...HOSTILE_PIECES), { minLength: 1, maxLength: 5 })
  .map((pieces) => pieces.join(''))
  .filter((name) => utf8Bytes(name) <= 40);

const comment = fc.option(fc.constantFrom(...COMMENTS), { freq: 3 });

const column: fc.Arbitrary<ColumnSpec> = fc
  .record({
    name: fc.constantFrom(...COLUMN_NAMES),
    type: fc.constantFrom(...TYPES),
    notNull: fc.boolean(),
    defaultPick: fc.option(fc.nat(3), { freq: 2 }),
    identity: fc.option(fc.constantFrom('always' as const, 'by-default' as const), { freq: 4 }),
    generated: fc.boolean(),
    comment,
  })
  .map((c) => {
    const integer = INTEGER_TYPES.includes(c.type);
    const identity = integer ? c.identity : null;
    const generated = integer && !identity && c.generated && c.defaultPick === null;
    return { ...c, identity, generated, defaultPick: identity || generated ? null : c.defaultPick };
  });

const positions = fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 2 });

const table: fc.Arbitrary<TableSpec> = fc.record({
  schema: fc.constantFrom(...SCHEMAS),
  name: fc.constantFrom(...TABLE_NAMES),
  columns: fc.uniqueArray(column, { minLength: 1, maxLength: 6, selector: (c) => c.name }),
  primaryKey: fc.option(positions, { freq: 3 }),
  uniques: fc.array(positions, { maxLength: 2 }),
  checks: fc.array(fc.nat(7), { maxLength: 2 }),
  exclusions: fc.array(positions, { maxLength: 1 }),
  indexes: fc.array(fc.record({ columns: positions, unique: fc.boolean(), partial: fc.boolean(), desc: fc.boolean() }), { maxLength: 2 }),
  references: fc.array(fc.record({ table: fc.nat(3), onDelete: fc.constantFrom('no action' as const, 'cascade' as const, 'set null' as const, 'restrict' as const) }), { maxLength: 2 }),
  comment,
});

const enumSpec = (name: EnumSpec['name']): fc.Arbitrary<EnumSpec> =>
  fc.record({ name: fc.constant(name), values: fc.uniqueArray(fc.constantFrom(...ENUM_VALUES), { minLength: 1, maxLength: 4 }) });

const viewSpec: fc.Arbitrary<ViewSpec> = fc.record({
  schema: fc.constantFrom(...SCHEMAS),
  name: fc.constantFrom(...VIEW_NAMES),
  over: fc.record({ kind: fc.constantFrom('table' as const, 'table' as const, 'view' as const), index: fc.nat(3) }),
  columns: fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 3 }),
  filter: fc.boolean(),
});

export const schemaSpec: fc.Arbitrary<SchemaSpec> = fc.record({
  enums: fc.tuple(enumSpec('mood'), enumSpec('Status Code')),
  tables: fc.uniqueArray(table, { minLength: 0, maxLength: 4, selector: (t) => `${t.schema}.${t.name}` }),
  views: fc.uniqueArray(viewSpec, { maxLength: 2, selector: (v) => `${v.schema}.${v.name}` }),
});

/** A pair of schemas: mostly independent draws, sometimes a schema and itself with one table more or less. */
export const schemaPair: fc.Arbitrary<readonly [SchemaSpec, SchemaSpec]> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(schemaSpec, schemaSpec) },
  { weight: 1, arbitrary: schemaSpec.chain((a) => fc.tuple(fc.constant(a), schemaSpec.map((b) => ({ enums: a.enums, tables: [...a.tables.slice(1), ...b.tables.slice(0, 1)], views: a.views })))) },
);

/** The tables build.ts declares: the first of each schema-qualified name (a pair may repeat one). */
export function uniqueTables(spec: SchemaSpec): TableSpec[] {
  const seen = new Set<string>();
  return spec.tables.filter((t) => !seen.has(`${t.schema}.${t.name}`) && seen.add(`${t.schema}.${t.name}`) !== undefined);
}
