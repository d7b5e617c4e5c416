import { integer, sequence, sql, sqlDefinitions, table, view, index, type SqlFragment } from '../../../src/dsl/index.js';
import { FAILING, PAIRS, valuesOf, VARIATIONS, type Pair, type Variation } from './pairs.js';
import { DOMAINS_SQL, mood, SHARED_TYPES_SQL, typeOf, type Builder } from './types.js';

/** A fragment of SQL made in the test (the DSL's sql`…` interpolates only fragments). */
export function raw(text: string): SqlFragment {
  return sql(Object.assign([text], { raw: [text] }) as unknown as TemplateStringsArray);
}

/** An SQL string literal. */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export type Strategy = 'online' | 'direct';

/** A changing column: the pair and the column's name, the same in every table that holds the pair. */
export interface Slot {
  readonly column: string;
  readonly pair: Pair;
}

/** One table of a batch: a variation, a strategy and the pairs it holds (one column each). */
export interface MatrixTable {
  readonly name: string;
  readonly variation: Variation;
  readonly strategy: Strategy;
  readonly slots: readonly Slot[];
}

/** Row ids: 1–3 hold the pair's values, 4 NULL (where the column may be NULL). */
export const VALUE_ROWS = [1, 2, 3] as const;
export const NULL_ROW = 4;

export const converting: readonly Slot[] = PAIRS.map((pair, i) => ({ column: `p${i}`, pair }));
export const failing: readonly Slot[] = FAILING.map((pair, i) => ({ column: `f${i}`, pair }));

/** Serials and identities take their values from their default: they are never written. */
export const written = (s: Slot): boolean => s.pair.from.values.length > 0;
const indexable = (s: Slot): boolean => s.pair.from.btree && s.pair.to.btree;

const SHORT: Record<Variation, string> = {
  rows: 'rows', empty: 'empty', 'not null and default': 'nn', index: 'idx', 'foreign keys': 'fk', 'key to it': 'kto', 'key from it': 'kfrom',
  view: 'view',
};

/** Each variation with each strategy: the covering design of type-matrix.test.ts. */
export function matrixTables(): MatrixTable[] {
  const out: MatrixTable[] = [];
  for (const variation of VARIATIONS) {
    const slots = converting.filter((s) => variation === 'rows' || variation === 'empty'
      || (s.pair.also?.includes(variation) === true && (variation !== 'index' || indexable(s))));
    for (const strategy of ['online', 'direct'] as const) {
      out.push({ name: `m_${SHORT[variation]}_${strategy === 'online' ? 'o' : 'd'}`, variation, strategy, slots });
    }
  }
  return out;
}

/** The foreign key variation's child table: each column references the same column of the table. */
export const childOf = (t: MatrixTable): string => `${t.name}_child`;
export const viewOf = (t: MatrixTable): string => `${t.name}_v`;
/** The one-sided key variations' other table, whose columns keep their type. */
export const fixedOf = (t: MatrixTable): string => `${t.name}_fixed`;

function sourceColumn(t: MatrixTable, s: Slot, parent: boolean): string {
  const from = s.pair.from;
  const v = valuesOf(s.pair);
  const nn = t.variation === 'not null and default' ? ` NOT NULL DEFAULT ${v[0]!}` : '';
  const key = t.variation === 'foreign keys' ? (parent ? ' UNIQUE' : ` REFERENCES ${t.name} (${s.column})`)
    : t.variation === 'key to it' ? ' UNIQUE'
      : t.variation === 'key from it' ? ` REFERENCES ${fixedOf(t)} (${s.column})` : '';
  return `${s.column} ${from.sql}${nn}${key}`;
}

/** INSERTs of rows 1–3 (and 4, all NULL, where allowed) into a table holding the slots. */
export function rowsSql(name: string, slots: readonly Slot[], withNullRow: boolean, idAsDefault = false): string {
  const cols = idAsDefault ? slots : slots.filter(written);
  const names = ['id', ...cols.map((s) => s.column)].join(', ');
  const rows = VALUE_ROWS.map((id) => {
    const values = cols.map((s) => { const v = valuesOf(s.pair); return v.length === 0 ? String(id) : v[(id - 1) % v.length]!; });
    return `(${[String(id), ...values].join(', ')})`;
  });
  const nullRow = withNullRow ? `\nINSERT INTO ${name} (id) VALUES (${NULL_ROW});` : '';
  return `INSERT INTO ${name} (${names}) VALUES ${rows.join(', ')};${nullRow}`;
}

/** Whether the table's rows are there, and whether row 4 is NULL in every changing column. */
export const hasRows = (t: MatrixTable): boolean => t.variation !== 'empty';
export const hasNullRow = (t: MatrixTable): boolean => hasRows(t) && t.variation !== 'not null and default';

/** The before schema of a batch: the shared types, then each table with its rows. */
export function beforeSql(tables: readonly MatrixTable[]): string {
  const out = [SHARED_TYPES_SQL];
  for (const t of tables) {
    const fixed = (key: (s: Slot) => string): string => `CREATE TABLE ${fixedOf(t)} (id integer PRIMARY KEY, ${
      t.slots.map((s) => `${s.column} ${typeOf(s.pair.from)}${key(s)}`).join(', ')});`;
    if (t.variation === 'key from it') out.push(fixed(() => ' UNIQUE'), rowsSql(fixedOf(t), t.slots, false, true));
    out.push(`CREATE TABLE ${t.name} (id integer PRIMARY KEY, ${t.slots.map((s) => sourceColumn(t, s, true)).join(', ')});`);
    if (t.variation === 'index') for (const s of t.slots) out.push(`CREATE INDEX ${t.name}_${s.column}_idx ON ${t.name} (${s.column});`);
    if (t.variation === 'view') out.push(`CREATE VIEW ${viewOf(t)} AS SELECT id, ${t.slots.map((s) => s.column).join(', ')} FROM ${t.name};`);
    if (hasRows(t)) out.push(rowsSql(t.name, t.slots, hasNullRow(t)));
    if (t.variation === 'key to it') out.push(fixed((s) => ` REFERENCES ${t.name} (${s.column})`), rowsSql(fixedOf(t), t.slots, false, true));
    if (t.variation === 'foreign keys') {
      out.push(`CREATE TABLE ${childOf(t)} (id integer PRIMARY KEY, ${t.slots.map((s) => sourceColumn(t, s, false)).join(', ')});`);
      out.push(rowsSql(childOf(t), t.slots, true));
    }
  }
  return out.join('\n');
}

/** What the desired default of a NOT NULL column is: row 1's value as PostgreSQL converts it. */
export type Expected = (column: string, id: number) => string | null;

function targetColumn(t: MatrixTable, name: string, s: Slot, expected: Expected, references: (() => unknown) | null): Builder {
  const to = s.pair.to;
  let b = to.dsl();
  if (to.serial !== undefined) b = b.notNull().default(raw(`nextval('${name}_${s.column}_seq'::regclass)`));
  if (t.variation === 'not null and default') b = b.notNull().default(raw(`${literal(expected(s.column, 1)!)}::${typeOf(to)}`));
  if (t.variation === 'foreign keys') b = references === null ? b.unique() : b.references(references as never);
  if (t.variation === 'key to it') b = b.unique();
  if (t.variation === 'key from it') b = b.references(references as never);
  return t.strategy === 'direct' ? b.strategy('direct') : b;
}

/** The sequence of each serial column of a desired table, OWNED BY it. */
function serialSequences(out: Record<string, unknown>, name: string, slots: readonly Slot[], bound: Record<string, unknown>): void {
  for (const s of slots) {
    const as = s.pair.to.serial;
    if (as !== undefined) out[`${name}_${s.column}_seq`] = sequence(`${name}_${s.column}_seq`, { as, ownedBy: () => bound[s.column] as never });
  }
}

/** The desired schema's exports: the DSL declarations of every table, the shared enum and (as SQL) domains. */
export function desiredExports(tables: readonly MatrixTable[], expected: Expected): Record<string, unknown> {
  const out: Record<string, unknown> = { mood, domains: sqlDefinitions(raw(DOMAINS_SQL)) };
  for (const t of tables) {
    const columns: Record<string, Builder> = { id: integer().primaryKey() };
    // The one-sided key variations: a table whose columns keep their type, on the other side of each key.
    let fixed: Record<string, unknown> | null = null;
    const main = (): Record<string, unknown> => out[t.name] as Record<string, unknown>;
    if (t.variation === 'key from it' || t.variation === 'key to it') {
      const cols: Record<string, Builder> = { id: integer().primaryKey() };
      for (const s of t.slots) {
        const plain = (s.pair.from.plain ?? s.pair.from.dsl)();
        cols[s.column] = t.variation === 'key from it' ? plain.unique() : plain.references(() => main()[s.column] as never);
      }
      fixed = table(fixedOf(t), cols) as unknown as Record<string, unknown>;
      out[fixedOf(t)] = fixed;
    }
    for (const s of t.slots) columns[s.column] = targetColumn(t, t.name, s, expected, t.variation === 'key from it' ? () => fixed![s.column] : null);
    const made = table(t.name, columns, t.variation === 'index'
      ? (c) => t.slots.map((s) => index(`${t.name}_${s.column}_idx`).on(c[s.column]!))
      : undefined);
    out[t.name] = made;
    const bound = made as unknown as Record<string, unknown>;
    serialSequences(out, t.name, t.slots, bound);
    if (t.variation === 'foreign keys') {
      const child: Record<string, Builder> = { id: integer().primaryKey() };
      for (const s of t.slots) child[s.column] = targetColumn(t, childOf(t), s, expected, () => bound[s.column]);
      const made = table(childOf(t), child);
      out[childOf(t)] = made;
      serialSequences(out, childOf(t), t.slots, made as unknown as Record<string, unknown>);
    }
    if (t.variation === 'view') out[viewOf(t)] = view(viewOf(t), raw(`SELECT id, ${t.slots.map((s) => s.column).join(', ')} FROM ${t.name}`));
  }
  return out;
}
