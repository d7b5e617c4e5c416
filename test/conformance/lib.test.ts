import { describe, expect, it } from 'vitest';
import { extensionsIn } from './lib/cases.js';
import { compareDumps, describeDumpDifference, normalizeDump } from './lib/dump.js';
import { exitCodeFor, failureLines, summarize } from './lib/report.js';
import type { CaseResult } from './lib/run-case.js';
import { splitStatements } from './lib/sql-split.js';

describe('splitStatements', () => {
  it('splits on semicolons outside strings, identifiers, comments and dollar quotes', () => {
    const script = `
      -- a comment; with a semicolon
      CREATE TABLE "a;b" (x text DEFAULT 'it''s; here');
      /* block; /* nested; */ still comment */
      CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
      SELECT E'back\\'slash;';
      SELECT $$ one; $$ ; SELECT 2`;
    expect(splitStatements(script)).toEqual([
      `-- a comment; with a semicolon\n      CREATE TABLE "a;b" (x text DEFAULT 'it''s; here');`,
      `/* block; /* nested; */ still comment */\n      CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;`,
      `SELECT E'back\\'slash;';`,
      'SELECT $$ one; $$ ;',
      'SELECT 2',
    ]);
  });

  it('drops statements that are only comments or whitespace', () => {
    expect(splitStatements('-- nothing\n;\n/* x */ ;  ')).toEqual([]);
  });

  it('does not treat $1 or identifiers with $ as dollar quotes', () => {
    expect(splitStatements('SELECT a$b FROM t WHERE x = $1; SELECT 2;')).toEqual([
      'SELECT a$b FROM t WHERE x = $1;',
      'SELECT 2;',
    ]);
  });
});

describe('dump comparison', () => {
  const header = '--\n-- PostgreSQL database dump\n--\n\\restrict abc\nSET lock_timeout = 0;\n' +
    "SELECT pg_catalog.set_config('search_path', '', false);\n\n";
  it('ignores comments, SET lines, blank lines and the random \\restrict key', () => {
    const a = `${header}CREATE TABLE public.t (\n    id integer\n);\n\\unrestrict abc\n`;
    const b = `-- other\n\\restrict xyz\nSET x = 1;\nCREATE TABLE public.t (\n    id integer\n);   \n\n\\unrestrict xyz`;
    expect(normalizeDump(a)).toEqual(['CREATE TABLE public.t (', '    id integer', ');']);
    expect(compareDumps(a, b).equal).toBe(true);
  });

  it('names missing and extra lines', () => {
    const cmp = compareDumps('CREATE TABLE t (\n    a integer\n);', 'CREATE TABLE t (\n    a bigint\n);');
    expect(cmp.equal).toBe(false);
    expect(cmp.missing).toEqual(['    a bigint']);
    expect(cmp.extra).toEqual(['    a integer']);
    expect(describeDumpDifference(cmp)).toContain('lacks 1 line(s), e.g. `a bigint`');
  });

  it('prefers an example line that is not just re-punctuated', () => {
    const cmp = compareDumps('CREATE TABLE t (\n    a integer\n);', 'CREATE TABLE t (\n    a integer,\n    CONSTRAINT c CHECK (a > 0)\n);');
    expect(describeDumpDifference(cmp)).toContain('lacks 2 line(s), e.g. `CONSTRAINT c CHECK (a > 0)`');
  });

  it('reports a pure reordering as such', () => {
    const cmp = compareDumps('A;\nB;', 'B;\nA;');
    expect(cmp.equal).toBe(false);
    expect(describeDumpDifference(cmp)).toMatch(/different order/);
  });
});

describe('extensionsIn', () => {
  it('finds quoted and unquoted names, with or without IF NOT EXISTS', () => {
    const sql = `create extension if not exists "citext" with schema "public";\nCREATE EXTENSION pg_trgm;\ncreate extension "uuid-ossp";`;
    expect(extensionsIn(sql)).toEqual(['citext', 'pg_trgm', 'uuid-ossp']);
  });
});

function result(partial: Partial<CaseResult> & Pick<CaseResult, 'caseId' | 'outcome'>): CaseResult {
  return { engine: 'pglite', reason: null, kinds: ['table'], notCovered: [], changeCount: 1, ms: 1, ...partial };
}

describe('report', () => {
  const results: CaseResult[] = [
    result({ caseId: 's/ok', outcome: 'pass' }),
    result({ caseId: 's/refused', outcome: 'refused', reason: 'refused: no' }),
    result({ caseId: 's/view', outcome: 'fail', reason: 'dump differs', kinds: ['table', 'view'], notCovered: ['view'] }),
    result({ caseId: 's/broken', outcome: 'not-runnable', reason: 'after.sql does not load' }),
  ];

  it('counts each case in every kind it involves', () => {
    const rows = summarize(results, ['pglite']);
    const byLabel = new Map(rows.map((r) => [r.label, r.byEngine.get('pglite')]));
    expect(byLabel.get('all cases')).toEqual({ pass: 1, refused: 1, fail: 1, notRunnable: 1 });
    expect(byLabel.get('in scope (base kinds only)')).toEqual({ pass: 1, refused: 1, fail: 0, notRunnable: 1 });
    expect(byLabel.get('view')).toEqual({ pass: 0, refused: 0, fail: 1, notRunnable: 0 });
  });

  it('fails the run only for in-scope failures unless strict', () => {
    expect(exitCodeFor(results, false)).toBe(0);
    expect(exitCodeFor(results, true)).toBe(1);
    expect(exitCodeFor([...results, result({ caseId: 's/bad', outcome: 'fail', reason: 'x' })], false)).toBe(1);
  });

  it('lists failures with their scope, in-scope first', () => {
    const lines = failureLines(results);
    expect(lines[0]).toContain('s/broken');
    expect(lines[1]).toContain('not yet covered: view');
  });
});
