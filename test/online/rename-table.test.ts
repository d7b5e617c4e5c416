import { expect } from 'vitest';
import { index, integer, table, text } from '../../src/dsl/index.js';
import { count, ROWS, strategyTests } from './helpers.js';

strategyTests('table rename', [
  {
    name: 'rename plus an updatable view under the old name, dropped in contract',
    before: `CREATE TABLE people (id integer PRIMARY KEY, name text);
INSERT INTO people SELECT g, 'p' || g FROM generate_series(1, ${ROWS}) g;`,
    schema: () => ({ persons: table('persons', { id: integer().primaryKey(), name: text() }).renamedFrom('people') }),
    after: {
      expand: async (db) => {
        // The old application reads and writes through the old name.
        expect(await count(db, 'SELECT count(*) AS n FROM people')).toBe(ROWS);
        await db.exec(`INSERT INTO people (id, name) VALUES (${ROWS + 1}, 'through the view')`);
        await db.exec(`UPDATE people SET name = 'updated' WHERE id = 1`);
        await db.exec(`DELETE FROM people WHERE id = 2`);
        expect(await count(db, `SELECT count(*) AS n FROM persons WHERE name IN ('through the view', 'updated')`)).toBe(2);
      },
      contract: async (db) => {
        expect(await count(db, 'SELECT count(*) AS n FROM persons')).toBe(ROWS);
        expect(await count(db, `SELECT count(*) AS n FROM pg_class WHERE relname = 'people'`)).toBe(0);
      },
    },
  },
  {
    name: 'keys, indexes and NOT NULL names named after the table are renamed with it, and a foreign key to it stays',
    before: `CREATE TABLE people (id integer PRIMARY KEY, name text);
CREATE INDEX people_name_idx ON people (name);
CREATE TABLE pets (id integer PRIMARY KEY, owner integer CONSTRAINT pets_owner_fkey REFERENCES people (id));
INSERT INTO people SELECT g, 'p' || g FROM generate_series(1, ${ROWS}) g;
INSERT INTO pets SELECT g, g FROM generate_series(1, 100) g;`,
    schema: () => {
      const persons = table('persons', { id: integer().primaryKey(), name: text() }, (t) => [index().on(t.name)]).renamedFrom('people');
      const pets = table('pets', { id: integer().primaryKey(), owner: integer().references(() => persons.id) });
      return { persons, pets };
    },
    plan: (_plan, sql) => {
      expect(sql).toContain('RENAME CONSTRAINT people_pkey TO persons_pkey');
      expect(sql).toContain('ALTER INDEX public.people_name_idx RENAME TO persons_name_idx');
      expect(sql).not.toMatch(/DROP CONSTRAINT|DROP INDEX|CREATE (UNIQUE )?INDEX/);
    },
    after: {
      expand: async (db) => {
        // The key holds throughout: a duplicate id is refused through either name.
        await expect(db.exec(`INSERT INTO people (id, name) VALUES (1, 'again')`)).rejects.toThrow(/duplicate key/);
        await expect(db.exec(`INSERT INTO pets (id, owner) VALUES (1000, ${ROWS + 5})`)).rejects.toThrow(/foreign key/);
      },
    },
  },
]);
