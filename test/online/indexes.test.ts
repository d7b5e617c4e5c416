import { expect } from 'vitest';
import { index, integer, table, text } from '../../src/dsl/index.js';
import { count, ROWS, strategyTests } from './helpers.js';

const before = `CREATE TABLE docs (id integer PRIMARY KEY, title text, owner integer);
INSERT INTO docs SELECT g, 't' || g, g % 50 FROM generate_series(1, ${ROWS}) g;`;
const indexOn = (name: string): string => `SELECT count(*) AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '${name}' AND i.indisvalid`;

strategyTests('indexes', [
  {
    name: 'a new index is built CONCURRENTLY outside a transaction',
    before,
    schema: () => ({ docs: table('docs', { id: integer().primaryKey(), title: text(), owner: integer() }, (t) => [index('docs_owner_idx').on(t.owner)]) }),
    plan: (plan, sql) => {
      // The build reads the whole table: it carries the long statement timeout, not the project's ordinary one.
      expect(sql).toMatch(/-- pgtide:no-transaction\n-- pgtide:timeout statement=4h\nCREATE INDEX CONCURRENTLY docs_owner_idx/);
      expect(plan.steps.map((s) => [s.lock, s.transactional])).toEqual([['SHARE UPDATE EXCLUSIVE', false]]);
    },
  },
  {
    name: 'a changed index is rebuilt under a temporary name, the old one dropped, the new one renamed',
    before: `${before}\nCREATE INDEX docs_owner_idx ON docs (owner);`,
    schema: () => ({ docs: table('docs', { id: integer().primaryKey(), title: text(), owner: integer() }, (t) => [index('docs_owner_idx').on(t.owner, t.title)]) }),
    plan: (plan) => {
      expect(plan.steps.map((s) => s.op.kind)).toEqual(['create-index', 'drop-index', 'rename-index']);
    },
    after: { expand: async (db) => expect(await count(db, indexOn('docs_owner_idx'))).toBe(1) },
  },
  {
    name: 'an INVALID index left by a failed concurrent build is detected and rebuilt',
    // A unique build over duplicates fails and leaves the index INVALID; the duplicates then go.
    before,
    prepare: async (db) => {
      await db.exec(`UPDATE docs SET title = 't1' WHERE id = 2`);
      await expect(db.query('CREATE UNIQUE INDEX CONCURRENTLY docs_title_key ON docs (title)')).rejects.toThrow(/duplicate|unique/i);
      await db.exec(`UPDATE docs SET title = 't2' WHERE id = 2`);
      expect(await count(db, `SELECT count(*) AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'docs_title_key' AND NOT i.indisvalid`)).toBe(1);
    },
    schema: () => ({ docs: table('docs', { id: integer().primaryKey(), title: text(), owner: integer() }, (t) => [index('docs_title_key').on(t.title).unique()]) }),
    plan: (plan) => {
      expect(plan.steps[0]!.hazards[0]!.reason).toMatch(/INVALID/);
      expect(plan.steps.map((s) => s.op.kind)).toEqual(['create-index', 'drop-index', 'rename-index']);
    },
    after: { expand: async (db) => expect(await count(db, indexOn('docs_title_key'))).toBe(1) },
  },
]);
