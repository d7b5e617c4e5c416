import { cidr, index, integer, json, jsonb, macaddr, sql, table, text, time, timestamp, timetz, varchar } from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

const scenarios: Scenario[] = [
  {
    name: 'column collation set, changed and removed on a populated table',
    versions: [
      { schema: () => ({ t: table('words', { id: integer().primaryKey(), w: text(), v: varchar(20) }) }), rows: `INSERT INTO words VALUES (1, 'b', 'x'), (2, 'A', 'y')` },
      { schema: () => ({ t: table('words', { id: integer().primaryKey(), w: text().collate('C'), v: varchar(20).collate('POSIX') }) }) },
      {
        schema: () => ({ t: table('words', { id: integer().primaryKey(), w: text().collate('POSIX'), v: varchar(20) }) }),
        check: { sql: 'SELECT w FROM words ORDER BY w', rows: [{ w: 'A' }, { w: 'b' }] },
      },
    ],
  },
  {
    name: 'index key collation differing from the column, and a collated column in an index',
    versions: [
      { schema: () => ({ t: table('labels', { id: integer().primaryKey(), name: text(), code: text().collate('C') }) }) },
      {
        schema: () => ({
          t: table('labels', { id: integer().primaryKey(), name: text(), code: text().collate('C') }, (t) => [
            index('labels_name_c_idx').on(t.name.collate('C')),
            index('labels_code_idx').on(t.code, t.name.collate('POSIX').desc()),
          ]),
        }),
      },
    ],
  },
  {
    name: 'temporal, network and json columns added and retyped',
    versions: [
      { schema: () => ({ t: table('events', { id: integer().primaryKey(), at: timestamp(), doc: json() }) }), rows: `INSERT INTO events VALUES (1, '2026-01-01 10:00', '{"a": 1}')` },
      {
        schema: () => ({ t: table('events', { id: integer().primaryKey(), at: timestamp(3), doc: json(), starts: time(0), ends: timetz(), net: cidr(), mac: macaddr() }) }),
        rows: `UPDATE events SET net = '10.0.0.0/8', mac = '08:00:2b:01:02:03'`,
      },
      {
        schema: () => ({ t: table('events', { id: integer().primaryKey(), at: timestamp(3), doc: jsonb(), starts: time(0), ends: timetz(), net: cidr().notNull().backfill(sql`'0.0.0.0/0'`), mac: macaddr() }) }),
      },
    ],
  },
];

runScenarios('collations and other column types', scenarios);
