import { check, index, integer, schema, sql, table, text, unique } from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

/** Names that need quoting: quotes, spaces, capitals, unicode, reserved words. */
const scenarios: Scenario[] = [
  {
    name: 'reserved words and capitals as table, column and index names',
    versions: [
      {
        schema: () => ({
          t: table('user', { id: integer().primaryKey(), select: text(), Order: integer(), from: text().default('x') }, (t) => [index('Order_Idx').on(t.Order)]),
        }),
        rows: `INSERT INTO "user" VALUES (1, 's', 2, 'f')`,
      },
      {
        schema: () => ({
          t: table('user', { id: integer().primaryKey(), where: text().renamedFrom('select'), Order: integer(), from: text().default('y'), table: integer() }, (t) => [
            index('Order_Idx').on(t.Order, t.table),
            check('Check "this"', sql`"Order" > 0`),
          ]),
        }),
        check: { sql: `SELECT "where" FROM "user"`, rows: [{ where: 's' }] },
      },
    ],
  },
  {
    name: 'quotes, spaces and unicode in every kind of name',
    versions: [
      {
        schema: () => {
          const ns = schema('My "Schema"');
          const mood = ns.enumType('état d\'âme', ["it's ok", 'très "bien"']);
          return {
            ns,
            mood,
            t: ns.table('Ünïcødé table', { 'the id': integer().primaryKey(), 'naïve "col"': text(), mood: mood() }, (t) => [index('idx with spaces ✓').on(t['naïve "col"'])]),
          };
        },
        rows: `INSERT INTO "My ""Schema"""."Ünïcødé table" VALUES (1, 'v', 'it''s ok')`,
      },
      {
        schema: () => {
          const ns = schema('My "Schema"');
          const mood = ns.enumType('état d\'âme', ["it's ok", 'très "bien"', 'new ✓']);
          return {
            ns,
            mood,
            t: ns.table('Ünïcødé table', { 'the id': integer().primaryKey(), 'naïve "col"': text(), 'renamed "mood"': mood().renamedFrom('mood').default('new ✓') }, (t) => [
              index('idx with spaces ✓').on(t['naïve "col"']),
              unique(t['naïve "col"']).named("uq 'quoted'"),
            ]),
          };
        },
        check: { sql: `SELECT "renamed ""mood"""::text AS m FROM "My ""Schema"""."Ünïcødé table"`, rows: [{ m: "it's ok" }] },
      },
    ],
  },
  {
    name: 'enum renamed to a reserved word with a capital, in a quoted schema',
    versions: [
      {
        schema: () => {
          const ns = schema('Sales');
          const k = ns.enumType('kind', ['a']);
          return { ns, k, t: ns.table('Deals', { id: integer().primaryKey(), k: k() }) };
        },
      },
      {
        schema: () => {
          const ns = schema('Sales');
          const k = ns.enumType('Group', ['a', 'b']).renamedFrom('kind');
          return { ns, k, t: ns.table('Deals', { id: integer().primaryKey(), k: k() }) };
        },
      },
    ],
  },
  {
    name: 'long names truncated to 63 bytes round-trip',
    versions: [
      { schema: () => ({ t: table('a_table_with_a_rather_long_name_that_goes_on', { id: integer().primaryKey(), a_column_with_a_rather_long_name_too: text() }) }) },
      {
        schema: () => ({
          t: table('a_table_with_a_rather_long_name_that_goes_on', { id: integer().primaryKey(), a_column_with_a_rather_long_name_too: text().unique() }, (t) => [
            index().on(t.a_column_with_a_rather_long_name_too, t.id),
          ]),
        }),
      },
    ],
  },
];

runScenarios('names that need quoting', scenarios);
