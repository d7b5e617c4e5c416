import { expect } from 'vitest';
import type { Queryable } from '../../src/db/queryable.js';
import { index, integer, sql, table, timestamp, timestamptz } from '../../src/dsl/index.js';
import type { Plan } from '../../src/plan/index.js';
import { count, ROWS, strategyTests, type StrategyCase } from './helpers.js';

/**
 * timestamp ↔ timestamptz converts in the session's TimeZone. The migration runs in one zone (UTC
 * here) while the old application, writing between expand and contract, may run in another: the
 * value its row gets must be the one the batched copy gives every other row with the same value.
 */
const NAIVE = '2024-06-01 12:00:00';
const INSTANT = '2024-06-01 12:00:00+00';

/** The old application, in a session of another zone, writes the same value the existing rows hold. */
async function writeFromNewYork(db: Queryable, id: number, value: string): Promise<void> {
  await db.exec(`SET TimeZone = 'America/New_York'; INSERT INTO events (id, at) VALUES (${id}, '${value}'); RESET TimeZone;`);
}

/** The online steps share their hazards, so each reason is counted once. */
function zoneHazards(plan: Plan): string[] {
  return [...new Set(plan.steps.flatMap((s) => s.hazards).filter((h) => h.kind === 'data-loss' && /TimeZone/.test(h.reason)).map((h) => h.reason))];
}

function events(type: 'timestamp' | 'timestamptz', opts: { readonly using?: boolean; readonly indexed?: boolean } = {}) {
  const at = (type === 'timestamp' ? timestamp() : timestamptz()).notNull();
  const column = opts.using === true ? at.using(sql`at AT TIME ZONE 'UTC'`) : at;
  const columns = { id: integer().primaryKey(), at: column };
  return { events: opts.indexed === true ? table('events', columns, (t) => [index('events_at_idx').on(t.at)]) : table('events', columns) };
}

const rows = (type: string, value: string, indexed = false): string => `CREATE TABLE events (id integer PRIMARY KEY, at ${type} NOT NULL);
${indexed ? 'CREATE INDEX events_at_idx ON events (at);' : ''}
INSERT INTO events SELECT g, '${value}' FROM generate_series(1, ${ROWS}) g;`;

const toZoned: StrategyCase = {
  name: 'timestamp → timestamptz online: a row the old application writes in another zone converts as the copied rows do',
  before: rows('timestamp', NAIVE),
  schema: () => events('timestamptz'),
  plan: (plan, text) => {
    expect(zoneHazards(plan)).toEqual([expect.stringContaining(".using(sql`at AT TIME ZONE 'UTC'`)")]);
    expect(text).toContain('RETURNS trigger LANGUAGE plpgsql SET TimeZone FROM CURRENT AS');
  },
  after: {
    expand: (db) => writeFromNewYork(db, ROWS + 1, NAIVE),
    contract: async (db) => {
      expect(await count(db, `SELECT count(*) AS n FROM events WHERE at = '${INSTANT}'::timestamptz`)).toBe(ROWS + 1);
    },
  },
};

const toNaive: StrategyCase = {
  name: 'timestamptz → timestamp online: a row the old application writes in another zone converts as the copied rows do',
  before: rows('timestamptz', INSTANT),
  schema: () => events('timestamp'),
  plan: (plan) => expect(zoneHazards(plan)).toHaveLength(1),
  after: {
    expand: (db) => writeFromNewYork(db, ROWS + 1, INSTANT),
    contract: async (db) => {
      expect(await count(db, `SELECT count(*) AS n FROM events WHERE at = '${NAIVE}'::timestamp`)).toBe(ROWS + 1);
    },
  },
};

const named: StrategyCase = {
  name: 'timestamp → timestamptz with USING … AT TIME ZONE: the schema names the zone, no hazard',
  before: rows('timestamp', NAIVE),
  schema: () => events('timestamptz', { using: true }),
  plan: (plan) => expect(zoneHazards(plan)).toEqual([]),
  after: {
    expand: (db) => writeFromNewYork(db, ROWS + 1, NAIVE),
    contract: async (db) => {
      expect(await count(db, `SELECT count(*) AS n FROM events WHERE at = '${INSTANT}'::timestamptz`)).toBe(ROWS + 1);
    },
  },
};

const direct: StrategyCase = {
  name: 'timestamptz → timestamp with an index (direct ALTER): flagged, and the values reach the target',
  before: rows('timestamptz', INSTANT, true),
  schema: () => events('timestamp', { indexed: true }),
  plan: (plan, text) => {
    expect(text).toContain('ALTER TABLE public.events ALTER COLUMN at TYPE timestamp without time zone');
    expect(zoneHazards(plan)).toHaveLength(1);
  },
  after: {
    contract: async (db) => {
      expect(await count(db, `SELECT count(*) AS n FROM events WHERE at = '${NAIVE}'::timestamp`)).toBe(ROWS);
    },
  },
};

strategyTests('time zones', [toZoned, toNaive, named, direct]);
