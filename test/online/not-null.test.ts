import { expect } from 'vitest';
import { integer, sql, table, text } from '../../src/dsl/index.js';
import { count, ROWS, strategyTests } from './helpers.js';

const before = `CREATE TABLE t (id integer PRIMARY KEY, name text);
INSERT INTO t SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END FROM generate_series(1, ${ROWS}) g;`;

strategyTests('NOT NULL', [
  {
    name: 'add a NOT NULL column with a backfill: nullable, batched fill, validated check, SET NOT NULL',
    before,
    options: { batchSize: 2500 },
    schema: () => ({
      t: table('t', { id: integer().primaryKey(), name: text(), code: text().notNull().backfill(sql`'c-' || id`) }),
    }),
    plan: (_plan, text) => {
      expect(text).toContain('-- pgtide:batch size=2500');
      expect(text).toMatch(/ADD CONSTRAINT t_code__pgtide_nn CHECK \(code IS NOT NULL\) NOT VALID/);
    },
    after: {
      // The old application inserts without the new column; the fill trigger computes it.
      expand: async (db) => {
        await db.exec(`INSERT INTO t (id, name) VALUES (${ROWS + 1}, 'old app')`);
        expect(await count(db, `SELECT count(*) AS n FROM t WHERE id = ${ROWS + 1} AND code = 'c-${ROWS + 1}'`)).toBe(1);
      },
      migrate: async (db) => {
        expect(await count(db, 'SELECT count(*) AS n FROM t WHERE code IS NULL')).toBe(0);
        expect(await count(db, `SELECT count(*) AS n FROM t WHERE code = 'c-' || id`)).toBe(ROWS + 1);
      },
      contract: async (db) => {
        await expect(db.exec(`INSERT INTO t (id, name) VALUES (${ROWS + 2}, 'x')`)).rejects.toThrow(/null value/);
        expect(await count(db, `SELECT count(*) AS n FROM pg_constraint WHERE conname LIKE '%pgtide%'`)).toBe(0);
      },
    },
  },
  {
    name: 'SET NOT NULL on an existing column after a backfill, without a long scan under ACCESS EXCLUSIVE',
    before,
    schema: () => ({ t: table('t', { id: integer().primaryKey(), name: text().notNull().backfill(sql`'none'`) }) }),
    plan: (plan) => {
      expect(plan.steps.map((s) => `${s.phase}:${s.op.kind}`)).toEqual([
        'expand:create-sync-trigger', 'migrate:backfill-column', 'contract:drop-sync-trigger',
        'contract:add-not-null-check', 'contract:validate-constraint',
        'contract:set-not-null', 'contract:drop-constraint',
      ]);
    },
    after: {
      contract: async (db) => {
        expect(await count(db, `SELECT count(*) AS n FROM t WHERE name = 'none'`)).toBe(Math.floor(ROWS / 3));
        expect(await count(db, `SELECT count(*) AS n FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'name' AND attnotnull`)).toBe(1);
      },
    },
  },
]);
