import { expect } from 'vitest';
import type { Queryable } from '../../src/db/queryable.js';
import { integer, sequence, sql, table, text } from '../../src/dsl/index.js';
import { count, ROWS, strategyTests } from './helpers.js';

/**
 * A sequence named after its table and column as the server names it (`<table>_<column>_seq`) is
 * renamed with the table or column, keeping its value: a row inserted with the default after any
 * phase gets the next id, never one already used, and never a restarted one.
 */
async function insertTakesNextId(db: Queryable, relation: string, column: string, expected: number): Promise<void> {
  const { rows } = await db.query<{ id: string | number }>(`INSERT INTO ${relation} (name) VALUES ('new ${expected}') RETURNING ${column} AS id`);
  expect(Number(rows[0]!.id)).toBe(expected);
  expect(await count(db, `SELECT count(*) - count(DISTINCT ${column}) AS n FROM ${relation}`)).toBe(0);
}

async function sequenceNames(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relkind = 'S' ORDER BY 1`);
  return rows.map((r) => r.name);
}

strategyTests('sequences named after a renamed table or column', [
  {
    name: 'serial on a table rename: the sequence is renamed with the table and keeps its value',
    before: `CREATE TABLE people (id serial PRIMARY KEY, name text);
INSERT INTO people (name) SELECT 'p' || g FROM generate_series(1, ${ROWS}) g;`,
    schema: () => {
      const persons = table('persons', { id: integer().primaryKey().default(sql`nextval('persons_id_seq'::regclass)`), name: text() }).renamedFrom('people');
      return { persons, seq: sequence('persons_id_seq', { as: 'integer', ownedBy: () => persons.id }) };
    },
    plan: (_plan, text) => {
      expect(text).toContain('ALTER SEQUENCE public.people_id_seq RENAME TO persons_id_seq');
      expect(text).not.toMatch(/DROP SEQUENCE|CREATE SEQUENCE/);
    },
    after: {
      expand: async (db) => {
        await insertTakesNextId(db, 'persons', 'id', ROWS + 1);
        await insertTakesNextId(db, 'people', 'id', ROWS + 2);
      },
      contract: async (db) => {
        await insertTakesNextId(db, 'persons', 'id', ROWS + 3);
        expect(await sequenceNames(db)).toEqual(['persons_id_seq']);
      },
    },
  },
  {
    name: 'serial on a column rename: the sequence is renamed with the column and keeps its value',
    before: `CREATE TABLE people (id serial PRIMARY KEY, name text);
INSERT INTO people (name) SELECT 'p' || g FROM generate_series(1, ${ROWS}) g;`,
    schema: () => {
      const people = table('people', {
        personId: integer().named('person_id').primaryKey().default(sql`nextval('people_person_id_seq'::regclass)`).renamedFrom('id'),
        name: text(),
      });
      return { people, seq: sequence('people_person_id_seq', { as: 'integer', ownedBy: () => people.personId }) };
    },
    plan: (_plan, text) => {
      expect(text).toContain('ALTER SEQUENCE public.people_id_seq RENAME TO people_person_id_seq');
      expect(text).not.toMatch(/DROP SEQUENCE|CREATE SEQUENCE/);
    },
    after: {
      expand: async (db) => {
        await insertTakesNextId(db, 'people', 'person_id', ROWS + 1);
      },
      contract: async (db) => {
        await insertTakesNextId(db, 'people', 'person_id', ROWS + 2);
        expect(await sequenceNames(db)).toEqual(['people_person_id_seq']);
      },
    },
  },
  {
    name: 'serial on an online column rename: the shadow column takes the renamed sequence, keeping its value',
    before: `CREATE TABLE tickets (id integer PRIMARY KEY, no serial, name text);
INSERT INTO tickets (id, name) SELECT g, 't' || g FROM generate_series(1, ${ROWS}) g;`,
    schema: () => {
      const tickets = table('tickets', {
        id: integer().primaryKey(),
        ticketNo: integer().named('ticket_no').notNull().default(sql`nextval('tickets_ticket_no_seq'::regclass)`).renamedFrom('no'),
        name: text(),
      });
      return { tickets, seq: sequence('tickets_ticket_no_seq', { as: 'integer', ownedBy: () => tickets.ticketNo }) };
    },
    plan: (_plan, text) => {
      expect(text).toContain('ALTER SEQUENCE public.tickets_no_seq RENAME TO tickets_ticket_no_seq');
      expect(text).not.toMatch(/DROP SEQUENCE|CREATE SEQUENCE/);
    },
    after: {
      expand: async (db) => {
        // The old application inserts without the column; the new one too.
        await db.exec(`INSERT INTO tickets (id, name) VALUES (${ROWS + 1}, 'old')`);
        expect(await count(db, `SELECT count(*) AS n FROM tickets WHERE id = ${ROWS + 1} AND no = ticket_no AND no > ${ROWS}`)).toBe(1);
      },
      contract: async (db) => {
        const { rows } = await db.query<{ n: string | number }>(`INSERT INTO tickets (id, name) VALUES (${ROWS + 2}, 'new') RETURNING ticket_no AS n`);
        expect(Number(rows[0]!.n)).toBeGreaterThan(ROWS + 1);
        expect(await count(db, 'SELECT count(*) - count(DISTINCT ticket_no) AS n FROM tickets')).toBe(0);
        expect(await sequenceNames(db)).toEqual(['tickets_ticket_no_seq']);
      },
    },
  },
  {
    name: 'serial on an online column rename, the sequence keeping its name: the shadow column takes it, keeping its value',
    before: `CREATE TABLE tickets (id integer PRIMARY KEY, no serial, name text);
INSERT INTO tickets (id, name) SELECT g, 't' || g FROM generate_series(1, ${ROWS}) g;`,
    schema: () => {
      const tickets = table('tickets', {
        id: integer().primaryKey(),
        ticketNo: integer().named('ticket_no').notNull().default(sql`nextval('tickets_no_seq'::regclass)`).renamedFrom('no'),
        name: text(),
      });
      return { tickets, seq: sequence('tickets_no_seq', { as: 'integer', ownedBy: () => tickets.ticketNo }) };
    },
    plan: (_plan, text) => {
      expect(text).not.toMatch(/DROP SEQUENCE|CREATE SEQUENCE/);
    },
    after: {
      expand: async (db) => {
        // The old application inserts without the column; the new one too.
        await db.exec(`INSERT INTO tickets (id, name) VALUES (${ROWS + 1}, 'old')`);
        expect(await count(db, `SELECT count(*) AS n FROM tickets WHERE id = ${ROWS + 1} AND no = ticket_no AND no > ${ROWS}`)).toBe(1);
      },
      contract: async (db) => {
        const { rows } = await db.query<{ n: string | number }>(`INSERT INTO tickets (id, name) VALUES (${ROWS + 2}, 'new') RETURNING ticket_no AS n`);
        expect(Number(rows[0]!.n)).toBeGreaterThan(ROWS + 1);
        expect(await count(db, 'SELECT count(*) - count(DISTINCT ticket_no) AS n FROM tickets')).toBe(0);
        expect(await sequenceNames(db)).toEqual(['tickets_no_seq']);
      },
    },
  },
  {
    name: 'identity on a table rename: its sequence is renamed with the table and keeps its value',
    before: `CREATE TABLE people (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text);
INSERT INTO people (name) SELECT 'p' || g FROM generate_series(1, ${ROWS}) g;`,
    schema: () => ({ persons: table('persons', { id: integer().identity('by-default').primaryKey(), name: text() }).renamedFrom('people') }),
    plan: (_plan, text) => {
      expect(text).toContain('ALTER SEQUENCE public.people_id_seq RENAME TO persons_id_seq');
    },
    after: {
      expand: async (db) => {
        await insertTakesNextId(db, 'persons', 'id', ROWS + 1);
        await insertTakesNextId(db, 'people', 'id', ROWS + 2);
      },
      contract: async (db) => {
        await insertTakesNextId(db, 'persons', 'id', ROWS + 3);
        expect(await sequenceNames(db)).toEqual(['persons_id_seq']);
      },
    },
  },
  {
    name: 'identity on a table and column rename at once: its sequence follows both and keeps its value',
    before: `CREATE TABLE people (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
INSERT INTO people (name) SELECT 'p' || g FROM generate_series(1, ${ROWS}) g;`,
    schema: () => ({
      persons: table('persons', { personId: integer().named('person_id').identity('always').primaryKey().renamedFrom('id'), name: text() }).renamedFrom('people'),
    }),
    plan: (_plan, text) => {
      expect(text).toContain('ALTER SEQUENCE public.people_id_seq RENAME TO persons_id_seq');
      expect(text).toContain('ALTER SEQUENCE public.persons_id_seq RENAME TO persons_person_id_seq');
    },
    after: {
      expand: async (db) => {
        await insertTakesNextId(db, 'persons', 'person_id', ROWS + 1);
      },
      contract: async (db) => {
        await insertTakesNextId(db, 'persons', 'person_id', ROWS + 2);
        expect(await sequenceNames(db)).toEqual(['persons_person_id_seq']);
      },
    },
  },
]);
