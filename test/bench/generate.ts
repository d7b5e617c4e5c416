/**
 * Synthetic but realistic schemas for the benchmark: a deterministic generator of N tables with
 * columns of mixed types, identity and uuid keys, defaults, checks, unique constraints, foreign keys
 * to earlier tables, enums, and plain, multi-column, partial and expression indexes; and a second
 * version of the same schema with about 5% of its tables changed in the ways real migrations change
 * them (columns added, dropped, retyped, tightened; indexes added and dropped; tables added and
 * dropped; enum values added; view definitions changed). Every tenth table has a view that joins it
 * to its first parent. Both versions are plain SQL that PostgreSQL 14–18 and PGlite accept.
 *
 * Names are generated from [a-z0-9_] only, so the SQL needs no quoting.
 */

/** A small seeded PRNG (mulberry32): the same size always gives the same schema. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ColumnSpec {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
}

interface IndexSpec {
  name: string;
  unique: boolean;
  /** Key list as SQL: column names or parenthesized expressions. */
  keys: string;
  where: string | null;
}

interface TableSpec {
  schema: string;
  name: string;
  uuidKey: boolean;
  columns: ColumnSpec[];
  /** Foreign keys: column → referenced table index. */
  refs: { column: string; target: number; onDelete: string }[];
  unique: string[] | null;
  checks: { name: string; expr: string }[];
  indexes: IndexSpec[];
  /** A view over the live rows of this table joined to its first parent, or null. */
  view: { name: string; where: string } | null;
}

interface EnumSpec {
  name: string;
  values: string[];
}

export interface SchemaSpec {
  enums: EnumSpec[];
  /** Index = table number; null for a table dropped in this version. */
  tables: (TableSpec | null)[];
}

const WORDS = ['account', 'order', 'invoice', 'product', 'shipment', 'payment', 'review', 'session', 'event', 'ticket', 'team', 'project'];

type ColumnMaker = (name: string, rnd: () => number, enums: readonly EnumSpec[]) => ColumnSpec;

const COLUMN_MAKERS: readonly ColumnMaker[] = [
  (n) => ({ name: `${n}_name`, type: 'text', notNull: true, default: null }),
  (n, r) => ({ name: `${n}_code`, type: `character varying(${16 + Math.floor(r() * 48)})`, notNull: false, default: null }),
  (n) => ({ name: `${n}_count`, type: 'integer', notNull: true, default: '0' }),
  (n) => ({ name: `${n}_total`, type: 'numeric(12,2)', notNull: false, default: null }),
  (n) => ({ name: `${n}_active`, type: 'boolean', notNull: true, default: 'false' }),
  (n) => ({ name: `${n}_at`, type: 'timestamp with time zone', notNull: false, default: null }),
  (n) => ({ name: `${n}_day`, type: 'date', notNull: false, default: null }),
  (n) => ({ name: `${n}_data`, type: 'jsonb', notNull: true, default: `'{}'::jsonb` }),
  (n) => ({ name: `${n}_token`, type: 'uuid', notNull: false, default: null }),
  (n) => ({ name: `${n}_tags`, type: 'text[]', notNull: true, default: `'{}'::text[]` }),
  (n) => ({ name: `${n}_score`, type: 'double precision', notNull: false, default: null }),
  (n) => ({ name: `${n}_big`, type: 'bigint', notNull: false, default: null }),
  (n, r, enums) => {
    const e = enums[Math.floor(r() * enums.length)]!;
    return { name: `${n}_state`, type: `public.${e.name}`, notNull: true, default: `'${e.values[0]}'::public.${e.name}` };
  },
];

function makeTable(i: number, rnd: () => number, enums: readonly EnumSpec[], earlier: readonly (TableSpec | null)[]): TableSpec {
  const word = WORDS[i % WORDS.length]!;
  const name = `t${String(i).padStart(4, '0')}_${word}`;
  const columns: ColumnSpec[] = [];
  const used = new Set<string>();
  const extra = 4 + Math.floor(rnd() * 9);
  for (let k = 0; k < extra; k++) {
    const maker = COLUMN_MAKERS[Math.floor(rnd() * COLUMN_MAKERS.length)]!;
    const col = maker(`${word.slice(0, 3)}${k}`, rnd, enums);
    if (used.has(col.name)) continue;
    columns.push(col);
    used.add(col.name);
  }
  columns.push({ name: 'created_at', type: 'timestamp with time zone', notNull: true, default: 'now()' });
  columns.push({ name: 'deleted_at', type: 'timestamp with time zone', notNull: false, default: null });
  const refs: TableSpec['refs'] = [];
  const refCount = i === 0 ? 0 : 1 + Math.floor(rnd() * 2);
  for (let k = 0; k < refCount; k++) {
    let target = Math.floor(rnd() * earlier.length);
    while (!earlier[target]) target = (target + 1) % earlier.length;
    const column = `ref${k}_id`;
    columns.push({ name: column, type: earlier[target]!.uuidKey ? 'uuid' : 'bigint', notNull: k === 0, default: null });
    refs.push({ column, target, onDelete: k === 0 ? 'CASCADE' : 'SET NULL' });
  }
  const text = columns.find((c) => c.type === 'text');
  const indexes: IndexSpec[] = refs.map((r) => ({ name: `${name}_${r.column}_idx`, unique: false, keys: r.column, where: null }));
  if (i % 3 === 0) indexes.push({ name: `${name}_live_idx`, unique: false, keys: 'created_at DESC', where: 'deleted_at IS NULL' });
  if (text && i % 4 === 1) indexes.push({ name: `${name}_lower_idx`, unique: false, keys: `lower(${text.name})`, where: null });
  if (i % 5 === 2) indexes.push({ name: `${name}_recent_idx`, unique: false, keys: `created_at, id`, where: null });
  const intCol = columns.find((c) => c.type === 'integer');
  return {
    schema: i % 4 === 3 ? 'app' : 'public',
    name,
    uuidKey: i % 5 === 4,
    columns,
    refs,
    unique: text && i % 6 === 0 ? [text.name] : null,
    checks: intCol ? [{ name: `${name}_${intCol.name}_check`, expr: `${intCol.name} >= 0` }] : [],
    indexes,
    view: i % 10 === 5 && refs.length > 0 ? { name: `v_${name}`, where: 't.deleted_at IS NULL' } : null,
  };
}

export function generateSpec(tableCount: number, seed = 7): SchemaSpec {
  const rnd = prng(seed * 1000003 + tableCount);
  const enums: EnumSpec[] = [];
  for (let e = 0; e < Math.max(3, Math.floor(tableCount / 25)); e++) {
    const count = 3 + Math.floor(rnd() * 4);
    enums.push({ name: `status_${e}`, values: Array.from({ length: count }, (_, v) => `value_${v}`) });
  }
  const tables: TableSpec[] = [];
  for (let i = 0; i < tableCount; i++) tables.push(makeTable(i, rnd, enums, tables));
  return { enums, tables };
}

type Mutation = (t: TableSpec, i: number) => void;

/** One realistic change per chosen table, in rotation. */
const MUTATIONS: readonly Mutation[] = [
  (t) => void t.columns.push({ name: 'note', type: 'text', notNull: false, default: null }),
  (t) => {
    // A column no key, check or index uses, so that dropping it drops nothing else.
    const inUse = (name: string): boolean =>
      ['created_at', 'deleted_at'].includes(name) ||
      name.startsWith('ref') ||
      t.unique?.includes(name) === true ||
      t.checks.some((ch) => ch.expr.includes(name)) ||
      t.indexes.some((x) => x.keys.includes(name));
    const k = t.columns.findIndex((c) => !inUse(c.name));
    if (k >= 0) t.columns.splice(k, 1);
  },
  (t) => {
    const c = t.columns.find((col) => col.type.startsWith('character varying'));
    if (c) c.type = 'character varying(200)';
    else t.columns.push({ name: 'label', type: 'character varying(80)', notNull: false, default: null });
  },
  (t) => void t.indexes.push({ name: `${t.name}_deleted_idx`, unique: false, keys: 'deleted_at', where: 'deleted_at IS NOT NULL' }),
  (t) => {
    const live = t.indexes.find((x) => x.where !== null);
    if (live) live.where = "deleted_at IS NULL AND created_at > '2020-01-01 00:00:00+00'::timestamp with time zone";
    else t.indexes.pop();
  },
  (t) => {
    const c = t.columns.find((col) => !col.notNull && col.name !== 'deleted_at' && !col.name.startsWith('ref'));
    if (c) c.notNull = true;
  },
  (t) => {
    const c = t.columns.find((col) => col.type === 'integer' || col.type === 'boolean');
    if (c) c.default = c.type === 'integer' ? '1' : 'true';
  },
  (t) => void t.checks.push({ name: `${t.name}_created_check`, expr: `created_at > '2000-01-01 00:00:00+00'::timestamp with time zone` }),
];

/** The same schema with about 5% of its objects changed. */
export function changeSpec(v1: SchemaSpec, seed = 11): SchemaSpec {
  const rnd = prng(seed);
  const spec: SchemaSpec = structuredClone(v1);
  const referenced = new Set(spec.tables.flatMap((t) => (t ? t.refs.map((r) => r.target) : [])));
  const n = spec.tables.length;
  let mutation = 0;
  for (let i = 0; i < n; i++) {
    const t = spec.tables[i]!;
    const roll = rnd();
    if (roll < 0.05) MUTATIONS[mutation++ % MUTATIONS.length]!(t!, i);
    else if (roll < 0.06 && !referenced.has(i)) spec.tables[i] = null;
  }
  const added = Math.max(1, Math.floor(n / 100));
  for (let k = 0; k < added; k++) spec.tables.push(makeTable(n + k, rnd, spec.enums, spec.tables.slice(0, n)));
  spec.enums[0]!.values.push('value_new');
  let views = 0;
  for (const t of spec.tables) {
    if (t?.view && views++ % 20 === 0) t.view.where = "t.deleted_at IS NULL AND t.created_at > '2020-01-01 00:00:00+00'::timestamp with time zone";
  }
  return spec;
}

function tableSql(t: TableSpec, all: readonly (TableSpec | null)[]): string {
  const q = `${t.schema}.${t.name}`;
  const lines = [t.uuidKey ? '  id uuid PRIMARY KEY DEFAULT gen_random_uuid()' : '  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY'];
  for (const c of t.columns) {
    lines.push(`  ${c.name} ${c.type}${c.notNull ? ' NOT NULL' : ''}${c.default !== null ? ` DEFAULT ${c.default}` : ''}`);
  }
  for (const r of t.refs) {
    const target = all[r.target];
    if (!target) continue;
    lines.push(`  CONSTRAINT ${t.name}_${r.column}_fkey FOREIGN KEY (${r.column}) REFERENCES ${target.schema}.${target.name} (id) ON DELETE ${r.onDelete}`);
  }
  if (t.unique) lines.push(`  CONSTRAINT ${t.name}_${t.unique.join('_')}_key UNIQUE (${t.unique.join(', ')})`);
  for (const ch of t.checks) lines.push(`  CONSTRAINT ${ch.name} CHECK (${ch.expr})`);
  const out = [`CREATE TABLE ${q} (\n${lines.join(',\n')}\n);`];
  for (const x of t.indexes) {
    out.push(`CREATE ${x.unique ? 'UNIQUE ' : ''}INDEX ${x.name} ON ${q} (${x.keys})${x.where ? ` WHERE ${x.where}` : ''};`);
  }
  const parent = t.refs[0] ? all[t.refs[0].target] : null;
  if (t.view && parent) {
    out.push(`CREATE VIEW ${t.schema}.${t.view.name} AS SELECT t.id, t.created_at, p.id AS parent_id, p.created_at AS parent_created_at
  FROM ${q} t JOIN ${parent.schema}.${parent.name} p ON p.id = t.${t.refs[0]!.column} WHERE ${t.view.where};`);
  }
  return out.join('\n');
}

/** The whole schema as one SQL script. Tables only reference earlier tables, so order is valid. */
export function specSql(spec: SchemaSpec): string {
  // Transactions of 100 tables: thousands of autocommitted DDL statements would each wait for a WAL
  // flush, and one transaction for all of them runs out of max_locks_per_transaction.
  const parts = ['BEGIN;', 'CREATE SCHEMA IF NOT EXISTS app;'];
  for (const e of spec.enums) parts.push(`CREATE TYPE public.${e.name} AS ENUM (${e.values.map((v) => `'${v}'`).join(', ')});`);
  spec.tables.forEach((t, i) => {
    if (t) parts.push(tableSql(t, spec.tables));
    if (i % 100 === 99) parts.push('COMMIT;', 'BEGIN;');
  });
  parts.push('COMMIT;');
  return `${parts.join('\n')}\n`;
}

export interface SchemaPair {
  readonly tables: number;
  readonly before: string;
  readonly after: string;
}

export function schemaPair(tables: number): SchemaPair {
  const v1 = generateSpec(tables);
  return { tables, before: specSql(v1), after: specSql(changeSpec(v1)) };
}
