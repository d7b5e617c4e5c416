import { expect } from 'vitest';
import { integer, table, text } from '../../src/dsl/index.js';
import { count, ROWS, strategyTests } from './helpers.js';

const before = `CREATE TABLE users (id integer PRIMARY KEY, fullname text NOT NULL DEFAULT 'anon');
INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, ${ROWS}) g;`;

strategyTests('column rename', [
  {
    name: 'online: new column, two-way sync trigger, batched copy, old column dropped in contract',
    before,
    options: { batchSize: 3000 },
    schema: () => ({ users: table('users', { id: integer().primaryKey(), displayName: text().named('display_name').notNull().default('anon').renamedFrom('fullname') }) }),
    plan: (plan, sql) => {
      expect(sql).not.toMatch(/RENAME COLUMN/);
      expect(plan.steps.flatMap((s) => s.hazards).every((h) => h.risk !== 'high')).toBe(true);
    },
    after: {
      expand: async (db) => {
        // Old application writes the old column; the trigger fills the new one.
        await db.exec(`INSERT INTO users (id, fullname) VALUES (${ROWS + 1}, 'old writer')`);
        expect(await count(db, `SELECT count(*) AS n FROM users WHERE id = ${ROWS + 1} AND display_name = 'old writer'`)).toBe(1);
        // New application writes the new column; the trigger keeps the old one for the old version.
        await db.exec(`INSERT INTO users (id, display_name) VALUES (${ROWS + 2}, 'new writer')`);
        expect(await count(db, `SELECT count(*) AS n FROM users WHERE id = ${ROWS + 2} AND fullname = 'new writer'`)).toBe(1);
        await db.exec(`UPDATE users SET display_name = 'renamed' WHERE id = 1`);
        expect(await count(db, `SELECT count(*) AS n FROM users WHERE id = 1 AND fullname = 'renamed'`)).toBe(1);
        await db.exec(`UPDATE users SET fullname = 'old update' WHERE id = 2`);
        expect(await count(db, `SELECT count(*) AS n FROM users WHERE id = 2 AND display_name = 'old update'`)).toBe(1);
      },
      migrate: async (db) => {
        expect(await count(db, 'SELECT count(*) AS n FROM users WHERE display_name IS DISTINCT FROM fullname')).toBe(0);
        expect(await count(db, `SELECT count(*) AS n FROM users WHERE display_name = 'user ' || id`)).toBe(ROWS - 2);
      },
      contract: async (db) => {
        expect(await count(db, 'SELECT count(*) AS n FROM users')).toBe(ROWS + 2);
        expect(await count(db, `SELECT count(*) AS n FROM pg_trigger WHERE tgname LIKE '%pgtide%'`)).toBe(0);
      },
    },
  },
  {
    name: 'direct: a plain RENAME, flagged as breaking',
    before,
    schema: () => ({ users: table('users', { id: integer().primaryKey(), displayName: text().named('display_name').notNull().default('anon').renamedFrom('fullname').strategy('direct') }) }),
    plan: (plan, sql, engine) => {
      expect(sql).toMatch(/ALTER TABLE public\.users RENAME COLUMN fullname TO display_name;/);
      expect(plan.steps[0]!.hazards.map((h) => `${h.kind}:${h.risk}`)).toEqual(['breaking:high']);
      // PGlite is PostgreSQL 18: the renamed column's NOT NULL keeps the old column's name, and is renamed
      // after it. The server in CI is older and names no NOT NULL constraint.
      expect(plan.steps.slice(1).map((s) => [s.op.kind, s.hazards.length])).toEqual(engine === 'pglite' ? [['name-not-null', 0]] : []);
    },
    after: { expand: async (db) => expect(await count(db, `SELECT count(*) AS n FROM users WHERE display_name = 'user ' || id`)).toBe(ROWS) },
  },
  {
    name: 'renamed and retyped at once: renamed in place, then the type change goes online',
    before: `CREATE TABLE stock (id integer PRIMARY KEY, qty text);
INSERT INTO stock SELECT g, (g % 7)::text FROM generate_series(1, ${ROWS}) g;`,
    schema: () => ({ stock: table('stock', { id: integer().primaryKey(), amount: integer().renamedFrom('qty') }) }),
    after: { contract: async (db) => expect(await count(db, 'SELECT count(*) AS n FROM stock WHERE amount = id % 7')).toBe(ROWS) },
  },
]);
