import { expect } from 'vitest';
import { enumType, integer, sql, table, timestamptz } from '../../src/dsl/index.js';
import { count, ROWS, strategyTests } from './helpers.js';

const before = `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE notes (id integer PRIMARY KEY, mood mood NOT NULL DEFAULT 'ok');
INSERT INTO notes SELECT g, (ARRAY['sad', 'ok', 'happy'])[1 + g % 3]::mood FROM generate_series(1, ${ROWS}) g;`;

const notes = (values: readonly string[]) => {
  const mood = enumType('mood', values);
  return { mood, notes: table('notes', { id: integer().primaryKey(), mood: mood().notNull().default('ok') }) };
};

strategyTests('enums and volatile defaults', [
  {
    name: 'ADD VALUE (BEFORE/AFTER) in its own non-transactional step',
    before,
    schema: () => notes(['sad', 'meh', 'ok', 'happy', 'ecstatic']),
    plan: (plan, text) => {
      expect(plan.steps.map((s) => s.transactional)).toEqual([false, false]);
      expect(text).toMatch(/-- pgtide:no-transaction\nALTER TYPE public\.mood ADD VALUE 'meh' AFTER 'sad';/);
    },
    after: { expand: async (db) => expect(await count(db, `SELECT count(*) AS n FROM notes WHERE mood = 'ok'`)).toBe(Math.floor(ROWS / 3) + 1) },
  },
  {
    name: 'removing a value goes through a new type with a data-loss hazard naming it',
    before: `${before}\nUPDATE notes SET mood = 'ok' WHERE mood = 'sad';`,
    schema: () => notes(['ok', 'happy']),
    plan: (plan) => {
      expect(plan.steps.every((s) => s.phase === 'contract')).toBe(true);
      expect(plan.steps[0]!.hazards.some((h) => h.kind === 'data-loss' && h.reason.includes('sad'))).toBe(true);
    },
    after: { contract: async (db) => expect(await count(db, `SELECT count(*) AS n FROM notes WHERE mood = 'ok'`)).toBe(ROWS - Math.floor(ROWS / 3)) },
  },
  {
    name: 'a volatile default on a new column is flagged as a rewrite',
    before,
    schema: () => {
      const mood = enumType('mood', ['sad', 'ok', 'happy']);
      return { mood, notes: table('notes', { id: integer().primaryKey(), mood: mood().notNull().default('ok'), at: timestamptz().default(sql`clock_timestamp()`) }) };
    },
    plan: (plan) => {
      expect(plan.steps.map((s) => [s.rewrites, s.hazards.map((h) => h.kind)])).toEqual([['rewrite', ['rewrite']]]);
    },
    after: { expand: async (db) => expect(await count(db, 'SELECT count(DISTINCT at) AS n FROM notes')).toBeGreaterThan(1) },
  },
]);
