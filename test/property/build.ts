import {
  bigint, boolean, bytea, char, check, cidr, date, doublePrecision, enumType, foreignKey, index, inet, integer, interval,
  exclude, json, jsonb, macaddr, numeric, primaryKey, real, schema, smallint, sql, table, text, time, timestamp, timestamptz, timetz,
  unique, uuid, varchar, view, type AnyTableColumn, type ColumnBuilder, type PgEnum, type PgTable, type SqlFragment, type TableExtra,
} from '../../src/dsl/index.js';
import type { TypeFamily } from '../../src/dsl/columns/types.js';
import { quoteIdent, quoteQualified } from '../../src/sql/ident.js';
import { INTEGER_TYPES, UNINDEXABLE, type ColumnSpec, type EnumSpec, type SchemaSpec, type TableSpec, type TypeKey, uniqueTables } from './spec.js';

type AnyBuilder = ColumnBuilder<unknown, TypeFamily>;

/** An expression built from names quoted by the SQL layer (the sql tag only splices fragments). */
function rawSql(text: string): SqlFragment {
  return sql(Object.assign([text], { raw: [text] }) as unknown as TemplateStringsArray);
}
type DefaultValue = SqlFragment | string | number | boolean | readonly unknown[] | Record<string, unknown>;

const BASE: Record<Exclude<TypeKey, `enum:${string}`>, () => AnyBuilder> = {
  smallint: () => smallint(),
  integer: () => integer(),
  bigint: () => bigint(),
  numeric: () => numeric(),
  'numeric(10,2)': () => numeric(10, 2),
  real: () => real(),
  'double precision': () => doublePrecision(),
  text: () => text(),
  varchar: () => varchar(),
  'varchar(20)': () => varchar(20),
  'char(3)': () => char(3),
  date: () => date(),
  time: () => time(),
  timetz: () => timetz(),
  timestamp: () => timestamp(),
  'timestamptz(3)': () => timestamptz(3),
  timestamptz: () => timestamptz(),
  interval: () => interval(),
  boolean: () => boolean(),
  uuid: () => uuid(),
  bytea: () => bytea(),
  json: () => json(),
  jsonb: () => jsonb(),
  inet: () => inet(),
  cidr: () => cidr(),
  macaddr: () => macaddr(),
  'integer[]': () => integer().array(),
  'text[]': () => text().array(),
} as Record<Exclude<TypeKey, `enum:${string}`>, () => AnyBuilder>;

const TEXTS = ['', "it's", 'back\\slash', "'); DROP TABLE x; --"];

/** Defaults that every type accepts: literals the SQL layer must quote and expressions the server reprints. */
const DEFAULTS: Record<Exclude<TypeKey, `enum:${string}`>, readonly DefaultValue[]> = {
  smallint: [0, 42, -1, sql`(7 * 6)`],
  integer: [0, 42, -1, sql`(7 * 6)`],
  bigint: [0, '9007199254740993', -1, sql`(7 * 6)`],
  numeric: [0, 1.5, '12345678901234567890.5', sql`round(2.5)`],
  'numeric(10,2)': [0, 1.5, '-3.14', sql`(1 / 3)`],
  real: [0, 1.5, -2.25, sql`pi()`],
  'double precision': [0, 1.5, -2.25, sql`pi()`],
  text: TEXTS,
  varchar: TEXTS,
  'varchar(20)': TEXTS,
  'char(3)': ['abc', 'x', "'", sql`'zz'`],
  date: ['2024-01-02', sql`CURRENT_DATE`],
  time: ['12:34:56', sql`LOCALTIME`],
  timetz: ['12:34:56+02', sql`CURRENT_TIME`],
  timestamp: ['2024-01-02 03:04:05', sql`LOCALTIMESTAMP`],
  'timestamptz(3)': ['2024-01-02 03:04:05+00', sql`now()`],
  timestamptz: ['2024-01-02 03:04:05+00', sql`now()`, sql`(now() + '1 day'::interval)`],
  interval: ['1 day', '00:05:00', sql`'1 hour'::interval`],
  boolean: [true, false],
  uuid: ['00000000-0000-0000-0000-000000000000', sql`gen_random_uuid()`],
  bytea: ['\\x00ff', sql`'\\x'::bytea`],
  json: [{}, { a: [1, "it's"] }, []],
  jsonb: [{}, { a: [1, "it's"], 'b"c': null }, [], 'text in json'],
  inet: ['127.0.0.1', '::1'],
  cidr: ['10.0.0.0/8'],
  macaddr: ['08:00:2b:01:02:03'],
  'integer[]': [[1, 2], [], sql`ARRAY[3]`],
  'text[]': [['a', "it's", 'with space'], []],
};

export type Enums = Record<EnumSpec['name'], { readonly type: PgEnum<string>; readonly values: readonly string[] }>;

function baseBuilder(type: TypeKey, enums: Enums): AnyBuilder {
  if (type.startsWith('enum:')) return enums[type.slice(5) as EnumSpec['name']].type() as unknown as AnyBuilder;
  return BASE[type as keyof typeof BASE]();
}

function defaultFor(col: ColumnSpec, enums: Enums): DefaultValue | null {
  if (col.defaultPick === null) return null;
  if (col.type.startsWith('enum:')) {
    const values = enums[col.type.slice(5) as EnumSpec['name']].values;
    return values[col.defaultPick % values.length]!;
  }
  const pool = DEFAULTS[col.type as keyof typeof DEFAULTS];
  return pool[col.defaultPick % pool.length]!;
}

/** The expression of a generated column: computed from the first plain integer column, if any. */
function generatedSource(t: TableSpec): string | null {
  const src = t.columns.find((c) => INTEGER_TYPES.includes(c.type) && !c.identity && !c.generated);
  return src ? src.name : null;
}

const STRING_TYPES: readonly TypeKey[] = ['text', 'varchar', 'varchar(20)', 'char(3)'];

/**
 * What a user writes when an array column becomes a scalar other than a string, which pgtide does
 * not convert by default: keep the first element, cast through text to the new type.
 */
function usingFor(col: ColumnSpec, before: TypeKey | undefined): SqlFragment | null {
  if (before === undefined || !before.endsWith('[]') || col.type.endsWith('[]') || STRING_TYPES.includes(col.type)) return null;
  const type = col.type.startsWith('enum:') ? quoteQualified('public', col.type.slice(5)) : col.type;
  return rawSql(`(${quoteIdent(col.name)})[1]::text::${type}`);
}

function columnBuilder(col: ColumnSpec, t: TableSpec, enums: Enums, before?: TypeKey): AnyBuilder {
  let b = baseBuilder(col.type, enums).named(col.name);
  const using = usingFor(col, before);
  if (using !== null) b = b.using(using);
  const source = col.generated ? generatedSource(t) : null;
  if (source) b = b.generatedAs(rawSql(`(${quoteIdent(source)} * 2)`));
  const value = source ? null : defaultFor(col, enums);
  if (value !== null) b = b.default(value as never);
  if (col.identity) b = (b as unknown as ColumnBuilder<number, 'integer'>).identity(col.identity) as unknown as AnyBuilder;
  if (col.notNull) b = b.notNull();
  if (col.comment !== null) b = b.comment(col.comment);
  return b;
}

/** Column positions usable in keys and indexes, deduplicated, in order. */
export function keyColumns(t: TableSpec, picks: readonly number[]): number[] {
  const out: number[] = [];
  for (const p of picks) {
    const i = p % t.columns.length;
    if (!out.includes(i) && !UNINDEXABLE.includes(t.columns[i]!.type)) out.push(i);
  }
  return out;
}

function checkExpression(col: ColumnSpec): SqlFragment {
  const q = quoteIdent(col.name);
  if (INTEGER_TYPES.includes(col.type) || col.type.startsWith('numeric') || col.type === 'real') return rawSql(`${q} > -1000`);
  if (col.type === 'text' || col.type.startsWith('varchar')) return rawSql(`length(${q}) < 1000 AND ${q} <> 'it''s; --'`);
  return rawSql(`${q} IS NOT NULL OR ${q} IS NULL`);
}

interface Built {
  readonly spec: TableSpec;
  readonly keyCols: number[];
  table?: PgTable;
}

function column(built: Built, key: string): AnyTableColumn {
  return (built.table as unknown as Record<string, AnyTableColumn>)[key]!;
}

type Bound = Readonly<Record<string, AnyTableColumn>>;

function extras(b: Built, own: Bound, refKeys: readonly { key: string[]; target: Built; onDelete: string }[]): TableExtra[] {
  const t = b.spec;
  const out: TableExtra[] = [];
  if (b.keyCols.length > 0) out.push(primaryKey(...b.keyCols.map((i) => own[`c${i}`]!)));
  const seen = new Set<string>([b.keyCols.join(',')]);
  for (const u of t.uniques) {
    const cols = keyColumns(t, u);
    if (cols.length === 0 || seen.has(cols.join(','))) continue;
    seen.add(cols.join(','));
    out.push(unique(...cols.map((i) => own[`c${i}`]!)));
  }
  t.checks.forEach((p, n) => {
    const col = t.columns[p % t.columns.length]!;
    out.push(check(`${t.name} check ${n}`, checkExpression(col)));
  });
  (t.exclusions ?? []).forEach((e, n) => {
    const cols = keyColumns(t, e);
    if (cols.length === 0) return;
    const elements = cols.map((i) => `${quoteIdent(t.columns[i]!.name)} WITH =`).join(', ');
    out.push(exclude(`${t.name} excl ${n}`, rawSql(`USING btree (${elements})`)));
  });
  t.indexes.forEach((ix, n) => {
    const cols = keyColumns(t, ix.columns);
    if (cols.length === 0) return;
    let builder = index(`${t.name}_ix${n}`).on(...cols.map((i) => (ix.desc ? own[`c${i}`]!.desc() : own[`c${i}`]!)));
    if (ix.unique) builder = builder.unique();
    if (ix.partial) builder = builder.where(rawSql(`${quoteIdent(t.columns[cols[0]!]!.name)} IS NOT NULL`));
    out.push(builder);
  });
  for (const r of refKeys) {
    const target = r.target;
    out.push(foreignKey({
      columns: r.key.map((k) => own[k]!),
      references: () => target.keyCols.map((i) => column(target, `c${i}`)),
      onDelete: r.onDelete as 'no action',
    }));
  }
  return out;
}

/** Every column buildExports declares, by `schema.table.column`, with its type: the spec's own and the foreign-key columns it adds. */
export function declaredColumnTypes(spec: SchemaSpec): Map<string, TypeKey> {
  const out = new Map<string, TypeKey>();
  const tables = uniqueTables(spec);
  for (const t of tables) {
    for (const c of t.columns) out.set(`${t.schema}.${t.name}.${c.name}`, c.type);
    t.references.forEach((r, j) => {
      const target = tables[r.table % tables.length]!;
      const pk = target.primaryKey ? keyColumns(target, target.primaryKey) : [];
      pk.forEach((i, k) => out.set(`${t.schema}.${t.name}.${refColumnName(j, target, k)}`, target.columns[i]!.type));
    });
  }
  return out;
}

const refColumnName = (j: number, target: TableSpec, k: number): string => `ref${j} ${target.name} ${k}`;

/**
 * DSL exports for a spec, built fresh on every call (DSL builders are mutable declarations). With
 * the schema a migration starts from, columns it cannot convert by default get a USING expression.
 */
export function buildExports(spec: SchemaSpec, from?: SchemaSpec): Record<string, unknown> {
  const before = from === undefined ? new Map<string, TypeKey>() : declaredColumnTypes(from);
  const enums = {} as Record<EnumSpec['name'], { type: PgEnum<string>; values: readonly string[] }>;
  for (const e of spec.enums) enums[e.name] = { type: enumType(e.name, e.values), values: e.values };
  const tables = uniqueTables(spec);
  const built: Built[] = tables.map((t) => ({ spec: t, keyCols: t.primaryKey ? keyColumns(t, t.primaryKey) : [] }));
  const sales = schema('sales');
  const exports: Record<string, unknown> = { mood: enums.mood.type, statusCode: enums['Status Code'].type };
  built.forEach((b, n) => {
    const t = b.spec;
    const columns: Record<string, AnyBuilder> = {};
    const was = (name: string): TypeKey | undefined => before.get(`${t.schema}.${t.name}.${name}`);
    t.columns.forEach((c, i) => (columns[`c${i}`] = columnBuilder(c, t, enums, was(c.name))));
    const refKeys: { key: string[]; target: Built; onDelete: string }[] = [];
    t.references.forEach((r, j) => {
      const target = built[r.table % built.length]!;
      if (target.keyCols.length === 0) return;
      const key = target.keyCols.map((i, k) => {
        const tc = target.spec.columns[i]!;
        const plain: ColumnSpec = { ...tc, notNull: false, defaultPick: null, identity: null, generated: false, comment: null, name: refColumnName(j, target.spec, k) };
        columns[`r${j}_${k}`] = columnBuilder(plain, t, enums, was(plain.name));
        return `r${j}_${k}`;
      });
      refKeys.push({ key, target, onDelete: r.onDelete });
    });
    const extra = (own: Bound): TableExtra[] => extras(b, own, refKeys);
    b.table = (t.schema === 'sales' ? sales.table(t.name, columns, extra) : table(t.name, columns, extra)) as unknown as PgTable;
    exports[`t${n}`] = b.table;
  });
  const views = declaredViews(spec, tables);
  views.forEach((v, k) => (exports[`v${k}`] = view(v.name, rawSql(v.query), { schema: v.schema })));
  if (built.some((b) => b.spec.schema === 'sales') || views.some((v) => v.schema === 'sales')) exports.sales = sales;
  return exports;
}

interface DeclaredView {
  readonly schema: string;
  readonly name: string;
  readonly query: string;
  readonly columns: readonly string[];
}

/**
 * The views of a spec as SQL, each over a declared table or an earlier view; one with nothing to
 * read from is left out. Names are quoted by the SQL layer.
 */
function declaredViews(spec: SchemaSpec, tables: readonly TableSpec[]): DeclaredView[] {
  const out: DeclaredView[] = [];
  const seen = new Set<string>();
  for (const v of spec.views ?? []) {
    if (seen.has(`${v.schema}.${v.name}`)) continue;
    seen.add(`${v.schema}.${v.name}`);
    const overView = v.over.kind === 'view' && out.length > 0 ? out[v.over.index % out.length]! : null;
    const overTable = overView === null && tables.length > 0 ? tables[v.over.index % tables.length]! : null;
    const source = overView ?? (overTable === null ? null : { schema: overTable.schema, name: overTable.name, columns: overTable.columns.map((c) => c.name) });
    if (source === null) continue;
    const columns = [...new Set(v.columns.map((i) => source.columns[i % source.columns.length]!))];
    const where = v.filter ? ` WHERE ${quoteIdent(columns[0]!)} IS NOT NULL` : '';
    const query = `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteQualified(source.schema, source.name)}${where}`;
    out.push({ schema: v.schema, name: v.name, query, columns });
  }
  return out;
}
