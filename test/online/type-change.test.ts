import { expect } from 'vitest';
import { integer, sql, table, text } from '../../src/dsl/index.js';
import { count, ROWS, strategyTests } from './helpers.js';

const before = `CREATE TABLE orders (id integer PRIMARY KEY, qty text NOT NULL DEFAULT '1');
INSERT INTO orders SELECT g, (g % 100)::text FROM generate_series(1, ${ROWS}) g;`;

strategyTests('type change', [
  {
    name: 'online: shadow column of the new type, trigger, batched USING copy, swap in contract',
    before,
    schema: () => ({ orders: table('orders', { id: integer().primaryKey(), qty: integer().notNull().default(1).using(sql`trim(qty)::integer`) }) }),
    plan: (plan, text) => {
      expect(text).not.toMatch(/ALTER COLUMN qty TYPE/);
      expect(plan.steps.every((s) => s.rewrites !== 'rewrite')).toBe(true);
    },
    after: {
      expand: async (db) => {
        await db.exec(`INSERT INTO orders (id, qty) VALUES (${ROWS + 1}, ' 7 ')`);
        expect(await count(db, `SELECT qty__pgtide_new AS n FROM orders WHERE id = ${ROWS + 1}`)).toBe(7);
      },
      migrate: async (db) => {
        expect(await count(db, 'SELECT count(*) AS n FROM orders WHERE qty__pgtide_new IS DISTINCT FROM trim(qty)::integer')).toBe(0);
      },
      contract: async (db) => {
        expect(await count(db, 'SELECT sum(qty) AS n FROM orders')).toBe(Array.from({ length: ROWS }, (_, i) => (i + 1) % 100).reduce((a, b) => a + b, 0) + 7);
        await db.exec(`INSERT INTO orders (id) VALUES (${ROWS + 2})`);
        expect(await count(db, `SELECT qty AS n FROM orders WHERE id = ${ROWS + 2}`)).toBe(1);
      },
    },
  },
  {
    name: 'direct: one ALTER … TYPE … USING, flagged as a rewrite',
    before,
    schema: () => ({ orders: table('orders', { id: integer().primaryKey(), qty: integer().notNull().default(1).strategy('direct') }) }),
    plan: (plan, text) => {
      expect(text).toMatch(/ALTER TABLE public\.orders ALTER COLUMN qty TYPE integer USING qty::integer;/);
      expect(plan.steps.some((s) => s.rewrites === 'rewrite' && s.hazards.some((h) => h.kind === 'rewrite'))).toBe(true);
    },
    after: { contract: async (db) => expect(await count(db, 'SELECT count(*) AS n FROM orders WHERE qty < 100')).toBe(ROWS) },
  },
]);
