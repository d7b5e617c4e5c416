import { bigint, enumType, foreignKey, index, integer, table, text, check, sql, unique } from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

const scenarios: Scenario[] = [
  {
    name: 'table renamed via a hint keeps its rows, indexes and constraints',
    versions: [
      {
        schema: () => ({ t: table('people', { id: integer().primaryKey(), name: text().unique() }, (t) => [index('people_name_idx').on(t.name)]) }),
        rows: `INSERT INTO people VALUES (1, 'ann')`,
      },
      {
        schema: () => ({ t: table('persons', { id: integer().primaryKey(), name: text().unique({ name: 'people_name_key' }) }, (t) => [index('people_name_idx').on(t.name)]).renamedFrom('people') }),
        sqlHas: [/ALTER TABLE public\.people RENAME TO persons/],
        sqlLacks: [/DROP TABLE/],
        check: { sql: 'SELECT name FROM persons', rows: [{ name: 'ann' }] },
      },
    ],
  },
  {
    name: 'column renamed via a hint keeps its data and its index',
    versions: [
      { schema: () => ({ t: table('users', { id: integer().primaryKey(), mail: text() }, (t) => [index('users_mail_idx').on(t.mail)]) }), rows: `INSERT INTO users VALUES (1, 'a@x')` },
      {
        schema: () => ({ t: table('users', { id: integer().primaryKey(), email: text().renamedFrom('mail') }, (t) => [index('users_mail_idx').on(t.email)]) }),
        sqlLacks: [/DROP COLUMN/],
        check: { sql: 'SELECT email FROM users', rows: [{ email: 'a@x' }] },
      },
    ],
  },
  {
    name: 'generated column renamed while the column it reads changes type: dropped and computed again',
    versions: [
      { schema: () => ({ t: table('gen', { id: integer().primaryKey(), a: integer(), g: integer().generatedAs(sql`a * 2`) }) }), rows: `INSERT INTO gen (id, a) VALUES (1, 21)` },
      {
        schema: () => ({ t: table('gen', { id: integer().primaryKey(), a: bigint(), twice: integer().generatedAs(sql`a * 2`).renamedFrom('g') }) }),
        sqlHas: [/RENAME COLUMN g TO twice/, /DROP COLUMN twice/],
        check: { sql: 'SELECT a, twice FROM gen', rows: [{ a: '21', twice: 42 }] },
      },
    ],
  },
  {
    name: 'table and column renamed together',
    versions: [
      { schema: () => ({ t: table('old_things', { id: integer().primaryKey(), label: text() }) }), rows: `INSERT INTO old_things VALUES (7, 'seven')` },
      {
        schema: () => ({ t: table('things', { id: integer().primaryKey(), title: text().renamedFrom('label') }).renamedFrom('old_things') }),
        check: { sql: 'SELECT id, title FROM things', rows: [{ id: 7, title: 'seven' }] },
      },
    ],
  },
  {
    name: 'drop a column from a populated table',
    versions: [
      { schema: () => ({ t: table('wide', { id: integer().primaryKey(), a: text(), b: text().notNull().default('x') }) }), rows: `INSERT INTO wide VALUES (1, 'a', 'b')` },
      { schema: () => ({ t: table('wide', { id: integer().primaryKey(), a: text() }) }), sqlHas: [/DROP COLUMN b/], check: { sql: 'SELECT a FROM wide', rows: [{ a: 'a' }] } },
    ],
  },
  {
    name: 'drop a table referenced by a foreign key, and an unused enum',
    versions: [
      {
        schema: () => {
          const state = enumType('state', ['on', 'off']);
          const p = table('parents', { id: integer().primaryKey(), s: state() });
          const c = table('children', { id: integer().primaryKey(), parent_id: integer().references(() => p.id) });
          return { state, p, c };
        },
        rows: `INSERT INTO parents VALUES (1, 'on'); INSERT INTO children VALUES (1, 1)`,
      },
      { schema: () => ({ c: table('children', { id: integer().primaryKey(), parent_id: integer() }) }), check: { sql: 'SELECT parent_id FROM children', rows: [{ parent_id: 1 }] } },
    ],
  },
  {
    name: 'drop indexes and constraints of every type',
    versions: [
      {
        schema: () => {
          const p = table('parents', { id: integer().primaryKey() });
          const c = table('children', { id: integer().primaryKey(), pid: integer(), code: text(), n: integer() }, (t) => [
            foreignKey({ columns: [t.pid], references: [p.id], name: 'children_pid_fk' }),
            unique(t.code).named('children_code_key'),
            check('children_n_positive', sql`n > 0`),
            index('children_n_idx').on(t.n),
          ]);
          return { p, c };
        },
      },
      {
        schema: () => ({ p: table('parents', { id: integer().primaryKey() }), c: table('children', { id: integer(), pid: integer(), code: text(), n: integer() }) }),
        sqlHas: [/DROP CONSTRAINT children_pid_fk/, /DROP CONSTRAINT children_code_key/, /DROP CONSTRAINT children_n_positive/, /DROP INDEX/, /DROP CONSTRAINT children_pkey/],
      },
    ],
  },
];

runScenarios('renames and drops', scenarios);
