import { type AnyTableColumn, check, foreignKey, integer, primaryKey, sql, table, text } from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

function parent() {
  return table('parents', { id: integer().primaryKey(), name: text() });
}

const scenarios: Scenario[] = [
  {
    name: 'foreign key added to populated tables, then its actions changed',
    versions: [
      {
        schema: () => ({ p: parent(), c: table('children', { id: integer().primaryKey(), parent_id: integer() }) }),
        rows: `INSERT INTO parents VALUES (1, 'p'); INSERT INTO children VALUES (1, 1), (2, NULL)`,
      },
      {
        schema: () => {
          const p = parent();
          return { p, c: table('children', { id: integer().primaryKey(), parent_id: integer().references(() => p.id, { onDelete: 'cascade' }) }) };
        },
      },
      {
        schema: () => {
          const p = parent();
          return { p, c: table('children', { id: integer().primaryKey(), parent_id: integer().references(() => p.id, { onDelete: 'set null', onUpdate: 'restrict' }) }) };
        },
      },
    ],
  },
  {
    name: 'composite foreign key with MATCH FULL, deferrable',
    versions: [
      {
        schema: () => ({
          r: table('regions', { country: text().notNull(), code: text().notNull() }, (t) => [primaryKey(t.country, t.code)]),
          s: table('stores', { id: integer().primaryKey(), country: text(), code: text() }),
        }),
        rows: `INSERT INTO regions VALUES ('fr', 'idf'); INSERT INTO stores VALUES (1, 'fr', 'idf'), (2, NULL, NULL)`,
      },
      {
        schema: () => {
          const r = table('regions', { country: text().notNull(), code: text().notNull() }, (t) => [primaryKey(t.country, t.code)]);
          const s = table('stores', { id: integer().primaryKey(), country: text(), code: text() }, (t) => [
            foreignKey({ columns: [t.country, t.code], references: () => [r.country, r.code], match: 'full', deferrable: true, initiallyDeferred: true, onDelete: 'restrict' }),
          ]);
          return { r, s };
        },
      },
      {
        schema: () => {
          const r = table('regions', { country: text().notNull(), code: text().notNull() }, (t) => [primaryKey(t.country, t.code)]);
          const s = table('stores', { id: integer().primaryKey(), country: text(), code: text() }, (t) => [
            foreignKey({ columns: [t.country, t.code], references: () => [r.country, r.code], name: 'stores_region_fk' }),
          ]);
          return { r, s };
        },
      },
    ],
  },
  {
    name: 'cycle of foreign keys between two tables, then one dropped',
    versions: [
      {
        schema: () => {
          const a: ReturnType<typeof mkA> = mkA(() => b.id);
          const b = table('b_side', { id: integer().primaryKey(), a_id: integer().references((): AnyTableColumn => a.id, { deferrable: true, initiallyDeferred: true }) });
          return { a, b };
        },
        rows: `BEGIN; INSERT INTO a_side VALUES (1, 1); INSERT INTO b_side VALUES (1, 1); COMMIT`,
      },
      {
        schema: () => {
          const a = table('a_side', { id: integer().primaryKey(), b_id: integer() });
          const b = table('b_side', { id: integer().primaryKey(), a_id: integer().references(() => a.id, { deferrable: true, initiallyDeferred: true }) });
          return { a, b };
        },
      },
    ],
  },
  {
    name: 'both tables of a foreign key cycle dropped',
    versions: [
      {
        schema: () => {
          const a: ReturnType<typeof mkA> = mkA(() => b.id);
          const b = table('b_side', { id: integer().primaryKey(), a_id: integer().references((): AnyTableColumn => a.id) });
          return { a, b, keep: table('keep', { id: integer().primaryKey() }) };
        },
      },
      { schema: () => ({ keep: table('keep', { id: integer().primaryKey() }) }) },
    ],
  },
  {
    name: 'self-referencing foreign key',
    versions: [
      { schema: () => ({ n: table('nodes', { id: integer().primaryKey(), parent: integer() }) }), rows: `INSERT INTO nodes VALUES (1, NULL), (2, 1)` },
      {
        schema: () => {
          const n = table('nodes', { id: integer().primaryKey(), parent: integer().references((): AnyTableColumn => n.id, { onDelete: 'cascade' }) });
          return { n };
        },
      },
    ],
  },
  {
    name: 'checks: added on a populated table, changed, dropped',
    versions: [
      { schema: () => ({ t: table('products', { id: integer().primaryKey(), price: integer(), stock: integer() }) }), rows: `INSERT INTO products VALUES (1, 10, 0)` },
      {
        schema: () => ({
          t: table('products', { id: integer().primaryKey(), price: integer().check(sql`price > 0`), stock: integer() }, () => [check('stock_ok', sql`stock >= 0 AND stock < 1000`)]),
        }),
      },
      {
        schema: () => ({
          t: table('products', { id: integer().primaryKey(), price: integer().check(sql`price >= 0`), stock: integer() }, () => [check('stock_ok', sql`stock BETWEEN 0 AND 5000`)]),
        }),
      },
      { schema: () => ({ t: table('products', { id: integer().primaryKey(), price: integer(), stock: integer() }) }) },
    ],
  },
  {
    name: 'check with IN list, casts and functions',
    versions: [
      { schema: () => ({ t: table('codes', { id: integer().primaryKey(), kind: text() }) }) },
      {
        schema: () => ({
          t: table('codes', { id: integer().primaryKey(), kind: text() }, () => [
            check('kind_known', sql`kind IN ('a', 'b', 'c') OR kind IS NULL`),
            check('kind_short', sql`length(kind::varchar) < 5 AND kind <> ALL (ARRAY['x', 'y'])`).noInherit(),
          ]),
        }),
      },
    ],
  },
];

function mkA(ref: () => AnyTableColumn) {
  return table('a_side', { id: integer().primaryKey(), b_id: integer().references(ref, { deferrable: true, initiallyDeferred: true }) });
}

runScenarios('foreign keys and checks', scenarios);
