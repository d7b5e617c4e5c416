import { bigint, boolean, integer, jsonb, numeric, sql, table, text, timestamptz, uuid } from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

const scenarios: Scenario[] = [
  {
    name: 'literal and expression defaults, then changed and dropped',
    versions: [
      {
        schema: () => ({
          t: table('settings', {
            id: integer().primaryKey(),
            label: text().default("it's"),
            count: integer().default(0),
            flag: boolean().default(false),
            doc: jsonb().default({ a: [1, 'two'] }),
            tags: text().array().default(['x', 'y z']),
            created: timestamptz().defaultNow(),
            token: uuid().defaultRandom(),
            ratio: numeric(5, 2).default(sql`1.5 * 2`),
          }),
        }),
        rows: `INSERT INTO settings (id) VALUES (1)`,
      },
      {
        schema: () => ({
          t: table('settings', {
            id: integer().primaryKey(),
            label: text().default('changed'),
            count: integer().default(10),
            flag: boolean(),
            doc: jsonb().default({}),
            tags: text().array(),
            created: timestamptz().default(sql`statement_timestamp()`),
            token: uuid(),
            ratio: numeric(5, 2).default(0),
          }),
        }),
        check: { sql: `SELECT label, count FROM settings`, rows: [{ label: "it's", count: 0 }] },
      },
    ],
  },
  {
    name: 'identity always, then by default with options',
    versions: [
      { schema: () => ({ t: table('tickets', { id: integer().identity('always').primaryKey(), title: text() }) }), rows: `INSERT INTO tickets (title) VALUES ('a'), ('b')` },
      {
        schema: () => ({ t: table('tickets', { id: integer().identity('by-default', { start: 100, increment: 5 }).primaryKey(), title: text() }) }),
        rows: `INSERT INTO tickets (id, title) VALUES (50, 'explicit')`,
      },
      { schema: () => ({ t: table('tickets', { id: bigint().identity('by-default', { start: 100, increment: 5 }).primaryKey(), title: text() }) }) },
    ],
  },
  {
    name: 'identity added to and removed from an existing column',
    versions: [
      { schema: () => ({ t: table('jobs', { id: integer().notNull().primaryKey(), name: text() }) }), rows: `INSERT INTO jobs VALUES (1, 'a')` },
      { schema: () => ({ t: table('jobs', { id: integer().identity('by-default', { start: 10 }).primaryKey(), name: text() }) }), rows: `INSERT INTO jobs (name) VALUES ('b')` },
      { schema: () => ({ t: table('jobs', { id: integer().primaryKey(), name: text() }) }), check: { sql: 'SELECT id FROM jobs ORDER BY id', rows: [{ id: 1 }, { id: 10 }] } },
    ],
  },
  {
    name: 'stored generated column added to a populated table, then changed',
    versions: [
      { schema: () => ({ t: table('lines', { id: integer().primaryKey(), qty: integer().notNull(), price: numeric(10, 2).notNull() }) }), rows: `INSERT INTO lines VALUES (1, 2, 3.50)` },
      {
        schema: () => ({ t: table('lines', { id: integer().primaryKey(), qty: integer().notNull(), price: numeric(10, 2).notNull(), total: numeric(12, 2).generatedAs(sql`qty * price`) }) }),
        check: { sql: 'SELECT total::text FROM lines', rows: [{ total: '7.00' }] },
      },
      {
        schema: () => ({ t: table('lines', { id: integer().primaryKey(), qty: integer().notNull(), price: numeric(10, 2).notNull(), total: numeric(12, 2).generatedAs(sql`qty * price * 2`) }) }),
        check: { sql: 'SELECT total::text FROM lines', rows: [{ total: '14.00' }] },
      },
    ],
  },
  {
    name: 'generated column with a function call is dropped',
    versions: [
      { schema: () => ({ t: table('users', { id: integer().primaryKey(), email: text().notNull(), email_lower: text().generatedAs(sql`lower(email)`) }) }) },
      { schema: () => ({ t: table('users', { id: integer().primaryKey(), email: text().notNull() }) }) },
    ],
  },
];

runScenarios('defaults, identity, generated columns', scenarios);
