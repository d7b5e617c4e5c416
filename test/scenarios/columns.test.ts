import {
  bigint, boolean, bytea, char, customType, date, doublePrecision, inet, integer, interval, jsonb, numeric, real,
  smallint, sql, table, text, timestamptz, uuid, varchar,
} from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

const scenarios: Scenario[] = [
  {
    name: 'many column types, then add nullable and NOT NULL columns',
    versions: [
      {
        schema: () => ({
          t: table('items', {
            id: integer().primaryKey(),
            name: text(),
            small: smallint(),
            ratio: real(),
            precise: doublePrecision(),
            born: date(),
            stamp: timestamptz(3),
            span: interval(),
            blob: bytea(),
            addr: inet(),
            code: char(3),
            ident: uuid(),
            doc: jsonb(),
            scores: integer().array(),
            pt: customType('point'),
          }),
        }),
        rows: `INSERT INTO items (id, name) VALUES (1, 'a'), (2, 'b')`,
      },
      {
        schema: () => ({
          t: table('items', {
            id: integer().primaryKey(),
            name: text(),
            small: smallint(),
            ratio: real(),
            precise: doublePrecision(),
            born: date(),
            stamp: timestamptz(3),
            span: interval(),
            blob: bytea(),
            addr: inet(),
            code: char(3),
            ident: uuid(),
            doc: jsonb(),
            scores: integer().array(),
            pt: customType('point'),
            price: numeric(10, 2),
            active: boolean().notNull().default(true),
            tags: text().array(),
          }),
        }),
        check: { sql: 'SELECT id, active FROM items ORDER BY id', rows: [{ id: 1, active: true }, { id: 2, active: true }] },
      },
    ],
  },
  {
    name: 'int to bigint on a populated table',
    versions: [
      { schema: () => ({ t: table('counters', { id: integer().primaryKey(), hits: integer().notNull() }) }), rows: `INSERT INTO counters VALUES (1, 10), (2, 20)` },
      {
        schema: () => ({ t: table('counters', { id: bigint().primaryKey(), hits: bigint().notNull() }) }),
        check: { sql: 'SELECT id::text, hits::text FROM counters ORDER BY id', rows: [{ id: '1', hits: '10' }, { id: '2', hits: '20' }] },
      },
    ],
  },
  {
    name: 'varchar(10) to varchar(20) to text',
    versions: [
      { schema: () => ({ t: table('names', { id: integer().primaryKey(), n: varchar(10).notNull() }) }), rows: `INSERT INTO names VALUES (1, 'ten chars!')` },
      { schema: () => ({ t: table('names', { id: integer().primaryKey(), n: varchar(20).notNull() }) }), rows: `INSERT INTO names VALUES (2, 'twenty characters!!!')` },
      {
        schema: () => ({ t: table('names', { id: integer().primaryKey(), n: text().notNull() }) }),
        check: { sql: 'SELECT n FROM names ORDER BY id', rows: [{ n: 'ten chars!' }, { n: 'twenty characters!!!' }] },
      },
    ],
  },
  {
    name: 'text to integer with USING on populated rows',
    versions: [
      { schema: () => ({ t: table('codes', { id: integer().primaryKey(), qty: text() }) }), rows: `INSERT INTO codes VALUES (1, '42'), (2, NULL), (3, '-7')` },
      {
        schema: () => ({ t: table('codes', { id: integer().primaryKey(), qty: integer().strategy('direct') }) }),
        sqlHas: [/USING/],
        check: { sql: 'SELECT qty FROM codes ORDER BY id', rows: [{ qty: 42 }, { qty: null }, { qty: -7 }] },
      },
    ],
  },
  {
    name: 'numeric precision widened and timestamptz precision changed',
    versions: [
      { schema: () => ({ t: table('money', { id: integer().primaryKey(), amount: numeric(8, 2), at: timestamptz(0) }) }), rows: `INSERT INTO money VALUES (1, 123456.78, '2026-01-01T00:00:00Z')` },
      {
        schema: () => ({ t: table('money', { id: integer().primaryKey(), amount: numeric(12, 4), at: timestamptz(6) }) }),
        check: { sql: 'SELECT amount::text FROM money', rows: [{ amount: '123456.7800' }] },
      },
    ],
  },
  {
    name: 'nullable column becomes NOT NULL with a backfill, and back',
    versions: [
      { schema: () => ({ t: table('people', { id: integer().primaryKey(), nick: text() }) }), rows: `INSERT INTO people VALUES (1, 'x'), (2, NULL)` },
      {
        schema: () => ({ t: table('people', { id: integer().primaryKey(), nick: text().notNull().backfill(sql`'anonymous'`) }) }),
        check: { sql: 'SELECT nick FROM people ORDER BY id', rows: [{ nick: 'x' }, { nick: 'anonymous' }] },
      },
      { schema: () => ({ t: table('people', { id: integer().primaryKey(), nick: text() }) }) },
    ],
  },
  {
    name: 'NOT NULL column added to a populated table with a backfill',
    versions: [
      { schema: () => ({ t: table('orders', { id: integer().primaryKey() }) }), rows: `INSERT INTO orders VALUES (1), (2), (3)` },
      {
        schema: () => ({ t: table('orders', { id: integer().primaryKey(), status: text().notNull().backfill(sql`'new'`) }) }),
        check: { sql: `SELECT count(*)::int AS n FROM orders WHERE status = 'new'`, rows: [{ n: 3 }] },
      },
    ],
  },
];

runScenarios('columns and types', scenarios);
