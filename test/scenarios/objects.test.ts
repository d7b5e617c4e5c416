import { bigint, customType, extension, index, integer, schema, sequence, sql, table, text } from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

const scenarios: Scenario[] = [
  {
    name: 'standalone sequence created, altered, used by a default, dropped',
    versions: [
      { schema: () => ({ s: sequence('order_no', { start: 1000, increment: 10, cache: 5 }) }) },
      {
        schema: () => {
          const s = sequence('order_no', { start: 1000, increment: 20, min: 1, max: 1_000_000, cycle: true, as: 'integer' });
          return { s, t: table('orders', { id: integer().primaryKey().default(sql`nextval('order_no')`) }) };
        },
        rows: `INSERT INTO orders DEFAULT VALUES; INSERT INTO orders DEFAULT VALUES`,
      },
      { schema: () => ({ t: table('orders', { id: integer().primaryKey() }) }), check: { sql: 'SELECT id FROM orders ORDER BY id', rows: [{ id: 1000 }, { id: 1020 }] } },
    ],
  },
  {
    name: 'sequence owned by a column, in its own schema',
    versions: [
      {
        schema: () => {
          const billing = schema('billing');
          const t = billing.table('invoices', { id: bigint().primaryKey() });
          return { billing, t, s: billing.sequence('invoice_no', { as: 'bigint', ownedBy: () => t.id }) };
        },
      },
      {
        schema: () => {
          const billing = schema('billing');
          const t = billing.table('invoices', { id: bigint().primaryKey(), no: bigint() });
          return { billing, t, s: billing.sequence('invoice_no', { as: 'bigint', start: 5, ownedBy: () => t.no }) };
        },
      },
    ],
  },
  {
    name: 'citext extension and column, then dropped',
    versions: [
      { schema: () => ({ e: extension('citext'), t: table('logins', { id: integer().primaryKey(), name: customType('citext').unique() }) }), rows: `INSERT INTO logins VALUES (1, 'Alice')` },
      {
        schema: () => ({ t: table('logins', { id: integer().primaryKey(), name: text().unique() }) }),
        check: { sql: 'SELECT name FROM logins', rows: [{ name: 'Alice' }] },
      },
    ],
  },
  {
    name: 'pg_trgm extension with a gin_trgm_ops index',
    versions: [
      { schema: () => ({ t: table('articles', { id: integer().primaryKey(), title: text() }) }), rows: `INSERT INTO articles VALUES (1, 'hello world')` },
      {
        schema: () => ({
          e: extension('pg_trgm'),
          t: table('articles', { id: integer().primaryKey(), title: text() }, (t) => [index('articles_title_trgm_idx').on(t.title.opclass('gin_trgm_ops')).using('gin')]),
        }),
      },
      {
        schema: () => ({
          e: extension('pg_trgm'),
          t: table('articles', { id: integer().primaryKey(), title: text() }, (t) => [index('articles_title_trgm_idx').on(t.title.opclass('gist_trgm_ops')).using('gist')]),
        }),
      },
    ],
  },
  {
    name: 'schemas: created with tables and a cross-schema foreign key, then one dropped',
    versions: [
      {
        schema: () => {
          const crm = schema('crm').comment('Customers');
          const ops = schema('ops');
          const c = crm.table('customers', { id: integer().primaryKey() });
          const o = ops.table('tasks', { id: integer().primaryKey(), customer_id: integer().references(() => c.id) });
          return { crm, ops, c, o };
        },
        rows: `INSERT INTO crm.customers VALUES (1); INSERT INTO ops.tasks VALUES (1, 1)`,
      },
      {
        schema: () => {
          const crm = schema('crm').comment('Customers and contacts');
          return { crm, c: crm.table('customers', { id: integer().primaryKey() }) };
        },
      },
    ],
  },
  {
    name: 'comments on schema, table, column, enum, index and constraint: added, changed, removed',
    versions: [
      {
        schema: () => {
          const app = schema('app');
          return { app, t: app.table('notes', { id: integer().primaryKey(), body: text() }, (t) => [index('notes_body_idx').on(t.body)]) };
        },
      },
      {
        schema: () => {
          const app = schema('app').comment("Application's data");
          const kind = app.enumType('note_kind', ['a', 'b']).comment('Kinds of notes');
          return {
            app,
            kind,
            t: app
              .table('notes', { id: integer().primaryKey(), body: text().comment('Markdown, may contain "quotes"'), k: kind() }, (t) => [
                index('notes_body_idx').on(t.body).comment('for lookups'),
              ])
              .comment('Notes — with unicode ✓'),
          };
        },
      },
      {
        schema: () => {
          const app = schema('app');
          const kind = app.enumType('note_kind', ['a', 'b']);
          return {
            app,
            kind,
            t: app.table('notes', { id: integer().primaryKey(), body: text().comment('Plain text'), k: kind() }, (t) => [index('notes_body_idx').on(t.body)]).comment('Notes'),
          };
        },
      },
    ],
  },
];

runScenarios('sequences, extensions, schemas, comments', scenarios);
