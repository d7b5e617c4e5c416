import { boolean, customType, exclude, integer, sql, table } from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

const bookingColumns = () => ({
  id: integer().primaryKey(),
  during: customType('tstzrange').notNull(),
  cancelled: boolean().notNull().default(sql`false`),
});

const scenarios: Scenario[] = [
  {
    name: 'exclusion constraint on a new table, added to a populated one, changed, then dropped',
    versions: [
      {
        schema: () => ({
          circles: table('circles', { c: customType('circle') }, () => [exclude('circles_c_excl', sql`USING gist (c WITH &&)`)]),
          bookings: table('bookings', bookingColumns()),
        }),
        rows: `INSERT INTO circles VALUES ('<(0,0),1>'), ('<(5,5),1>');
          INSERT INTO bookings VALUES (1, '[2026-01-01,2026-01-02)', false), (2, '[2026-01-01 12:00,2026-01-03)', true)`,
      },
      {
        // rows 1 and 2 overlap, but 2 is cancelled: only the partial constraint can be added
        schema: () => ({
          circles: table('circles', { c: customType('circle') }, () => [exclude('circles_c_excl', sql`USING gist (c WITH &&)`)]),
          bookings: table('bookings', bookingColumns(), () => [
            exclude('bookings_no_overlap', sql`USING gist (during WITH &&) WHERE (NOT cancelled)`),
          ]),
        }),
        sqlHas: [/ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist \(during WITH &&\) WHERE \(\(?NOT cancelled\)?\)/],
        check: { sql: 'SELECT id FROM bookings ORDER BY id', rows: [{ id: 1 }, { id: 2 }] },
      },
      {
        schema: () => ({
          circles: table('circles', { c: customType('circle') }, () => [exclude('circles_c_excl', sql`USING gist (c WITH &&)`).deferrable({ initiallyDeferred: true })]),
          bookings: table('bookings', bookingColumns(), () => [
            exclude('bookings_no_overlap', sql`USING gist (during WITH &&) INCLUDE (id) WHERE (NOT cancelled)`).comment('no double booking'),
          ]),
        }),
        sqlHas: [/DROP CONSTRAINT bookings_no_overlap/, /EXCLUDE USING gist \(c WITH &&\) DEFERRABLE INITIALLY DEFERRED/, /INCLUDE \(id\)/],
      },
      {
        schema: () => ({
          circles: table('circles', { c: customType('circle') }),
          bookings: table('bookings', bookingColumns()),
        }),
        sqlHas: [/DROP CONSTRAINT circles_c_excl/, /DROP CONSTRAINT bookings_no_overlap/],
        sqlLacks: [/DROP INDEX/],
        check: { sql: 'SELECT count(*)::int AS n FROM circles', rows: [{ n: 2 }] },
      },
    ],
  },
];

runScenarios('exclusion constraints', scenarios);
