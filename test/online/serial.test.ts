import { expect } from 'vitest';
import type { Queryable } from '../../src/db/queryable.js';
import { bigint, index, integer, sequence, smallint, sql, table, text } from '../../src/dsl/index.js';
import { count, ROWS, strategyTests, type StrategyCase } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

/**
 * serial ↔ bigserial ↔ smallserial: the column's type and its sequence's AS type change together.
 * The sequence (OWNED BY the column) must survive the swap with its current value, so that a row
 * inserted with the default after any phase gets the next id, never one already used.
 */
type Serial = 'smallserial' | 'serial' | 'bigserial';
const INTEGER = { smallserial: 'smallint', serial: 'integer', bigserial: 'bigint' } as const;
const BUILDER = { smallserial: smallint, serial: integer, bigserial: bigint } as const;

type Indexing = 'no index' | 'an index' | 'a primary key';

function before(from: Serial, indexing: Indexing): string {
  const pk = indexing === 'a primary key' ? ' PRIMARY KEY' : '';
  const idx = indexing === 'an index' ? 'CREATE INDEX users_id_idx ON users (id);' : '';
  return `CREATE TABLE users (id ${from}${pk}, name text);
${idx}
INSERT INTO users (name) SELECT 'row ' || g FROM generate_series(1, ${ROWS}) g;`;
}

function schema(to: Serial, indexing: Indexing): Record<string, unknown> {
  const base = BUILDER[to]().notNull().default(sql`nextval('users_id_seq'::regclass)`);
  const id = indexing === 'a primary key' ? base.primaryKey() : base;
  const users = indexing === 'an index'
    ? table('users', { id, name: text() }, (t) => [index('users_id_idx').on(t.id)])
    : table('users', { id, name: text() });
  return { users, seq: sequence('users_id_seq', { as: INTEGER[to], ownedBy: () => users.id }) };
}

/** What the old application does after each phase: an insert that takes the default id. */
async function insertTakesNextId(db: Queryable, expected: number): Promise<void> {
  const { rows } = await db.query<{ id: string | number }>(`INSERT INTO users (name) VALUES ('new ${expected}') RETURNING id`);
  expect(Number(rows[0]!.id)).toBe(expected);
  expect(await count(db, 'SELECT count(*) - count(DISTINCT id) AS n FROM users')).toBe(0);
}

function serialCase(from: Serial, to: Serial, indexing: Indexing): StrategyCase {
  return {
    name: `${from} → ${to}, ${indexing}: the sequence and its value are kept`,
    before: before(from, indexing),
    schema: () => schema(to, indexing),
    plan: (_plan, text) => {
      expect(text).toMatch(new RegExp(`ALTER SEQUENCE public\\.users_id_seq AS ${INTEGER[to]}`));
      if (indexing === 'no index') {
        // The shadow column takes over the sequence before the old column (and so the sequence) would go.
        expectBefore(text, 'ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id__pgtide_new', 'ALTER TABLE public.users DROP COLUMN id;');
        expect(text.indexOf('ALTER TABLE public.users DROP COLUMN id;')).toBeGreaterThan(-1);
      } else {
        expect(text).toMatch(new RegExp(`ALTER TABLE public\\.users ALTER COLUMN id TYPE ${INTEGER[to]}`));
      }
    },
    after: {
      expand: (db) => insertTakesNextId(db, ROWS + 1),
      migrate: (db) => insertTakesNextId(db, ROWS + 2),
      contract: async (db) => {
        await insertTakesNextId(db, ROWS + 3);
        expect(await count(db, 'SELECT last_value AS n FROM users_id_seq')).toBe(ROWS + 3);
        expect(await count(db, "SELECT count(*) AS n FROM users WHERE name = 'row ' || id")).toBe(ROWS);
        const { rows } = await db.query<{ owner: string | null }>("SELECT pg_get_serial_sequence('public.users', 'id') AS owner");
        expect(rows[0]!.owner).toBe('public.users_id_seq');
      },
    },
  };
}

const PAIRS: readonly (readonly [Serial, Serial])[] = [['serial', 'bigserial'], ['bigserial', 'serial'], ['serial', 'smallserial']];
const INDEXING: readonly Indexing[] = ['no index', 'an index', 'a primary key'];

/** A sequence the column comes to own (OWNED BY, set in expand) as its type changes: the swap keeps it too. */
const adopted: StrategyCase = {
  ...serialCase('serial', 'bigserial', 'no index'),
  name: 'a sequence the column comes to own as its type changes is kept with its value',
  before: `CREATE SEQUENCE users_id_seq;
CREATE TABLE users (id integer NOT NULL DEFAULT nextval('users_id_seq'), name text);
INSERT INTO users (name) SELECT 'row ' || g FROM generate_series(1, ${ROWS}) g;`,
  plan: (_plan, text) => {
    const moves = [...text.matchAll(/ALTER SEQUENCE public\.users_id_seq OWNED BY public\.users\.(\w+);/g)].map((m) => m[1]);
    expect(moves).toEqual(['id', 'id__pgtide_new']);
  },
};

strategyTests('serial type change', [
  ...PAIRS.flatMap(([from, to]) => INDEXING.map((indexing) => serialCase(from, to, indexing))),
  adopted,
]);
