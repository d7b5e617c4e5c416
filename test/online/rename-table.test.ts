import { expect } from 'vitest';
import { integer, table, text } from '../../src/dsl/index.js';
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
]);
