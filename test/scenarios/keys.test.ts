import { integer, primaryKey, table, text, unique } from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

const scenarios: Scenario[] = [
  {
    name: 'primary key added to a populated table, then made composite',
    versions: [
      { schema: () => ({ t: table('pairs', { a: integer().notNull(), b: integer().notNull() }) }), rows: `INSERT INTO pairs VALUES (1, 1), (1, 2)` },
      { schema: () => ({ t: table('pairs', { a: integer().notNull(), b: integer().notNull() }, (t) => [primaryKey(t.a, t.b)]) }) },
      { schema: () => ({ t: table('pairs', { a: integer().notNull(), b: integer().notNull() }, (t) => [primaryKey(t.b, t.a).named('pairs_ba_pk')]) }) },
    ],
  },
  {
    name: 'primary key moved to another column',
    versions: [
      { schema: () => ({ t: table('accounts', { id: integer().primaryKey(), code: text().notNull() }) }), rows: `INSERT INTO accounts VALUES (1, 'a'), (2, 'b')` },
      { schema: () => ({ t: table('accounts', { id: integer().notNull(), code: text().primaryKey() }) }) },
    ],
  },
  {
    name: 'unique constraints: column, composite, NULLS NOT DISTINCT, deferrable',
    versions: [
      { schema: () => ({ t: table('emails', { id: integer().primaryKey(), address: text(), tenant: integer() }) }), rows: `INSERT INTO emails VALUES (1, 'a@x', 1), (2, NULL, 1), (3, 'b@x', NULL)` },
      {
        schema: () => ({
          t: table('emails', { id: integer().primaryKey(), address: text().unique({ nullsNotDistinct: true }), tenant: integer() }, (t) => [
            unique(t.tenant, t.address).named('emails_tenant_address_key').deferrable({ initiallyDeferred: true }),
          ]),
        }),
        rows: `INSERT INTO emails VALUES (4, 'c@x', 2)`,
      },
      {
        schema: () => ({
          t: table('emails', { id: integer().primaryKey(), address: text().unique(), tenant: integer() }, (t) => [
            unique(t.tenant, t.address).named('emails_tenant_address_key').nullsNotDistinct(),
          ]),
        }),
      },
    ],
  },
  {
    name: 'unique constraint dropped',
    versions: [
      { schema: () => ({ t: table('slugs', { id: integer().primaryKey(), slug: text().unique() }) }) },
      { schema: () => ({ t: table('slugs', { id: integer().primaryKey(), slug: text() }) }), rows: `INSERT INTO slugs VALUES (1, 'dup'), (2, 'dup')` },
    ],
  },
];

runScenarios('primary keys and unique constraints', scenarios);
