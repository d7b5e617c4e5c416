import { describe, expect, it } from 'vitest';
import { ExitCode, PgtideError } from '../../src/errors.js';
import { formatDuration, MigrationFormatError, splitStatements } from '../../src/migrations/index.js';

const texts = (sql: string): string[] => splitStatements(sql).map((s) => s.text);

function failure(sql: string, file = 'm/expand.sql'): MigrationFormatError {
  try {
    splitStatements(sql, file);
  } catch (err) {
    if (err instanceof MigrationFormatError) return err;
    throw err;
  }
  throw new Error(`expected splitStatements to fail on:\n${sql}`);
}

describe('splitStatements: boundaries', () => {
  it('splits on semicolons and reports 1-based start lines', () => {
    const out = splitStatements('create table a (x int);\n\ncreate table b (y int);\nselect 1');
    expect(out).toEqual([
      { text: 'create table a (x int)', line: 1, directives: { noTransaction: false, batch: null, limits: null } },
      { text: 'create table b (y int)', line: 3, directives: { noTransaction: false, batch: null, limits: null } },
      { text: 'select 1', line: 4, directives: { noTransaction: false, batch: null, limits: null } },
    ]);
  });

  it('returns nothing for empty input, comments and lone semicolons', () => {
    expect(texts('')).toEqual([]);
    expect(texts('  \n-- only a comment\n/* and ; another */\n;;\n')).toEqual([]);
  });

  it('starts a statement at its first token and ends it at its last, keeping inner comments', () => {
    expect(splitStatements('-- lead\n  select 1 -- inner ;\n  + 2 /* tail */ ;').map((s) => [s.text, s.line])).toEqual([
      ['select 1 -- inner ;\n  + 2', 2],
    ]);
  });

  it('ignores semicolons inside comments, including nested block comments', () => {
    expect(texts('select 1 /* a /* b; */ still; comment */ + 1; select 2 -- x; y\n; select 3')).toEqual([
      'select 1 /* a /* b; */ still; comment */ + 1',
      'select 2',
      'select 3',
    ]);
  });

  it('reads standard strings with doubled quotes, where a backslash is ordinary', () => {
    expect(texts("select 'it''s; fine'; select 'a\\'; select 2")).toEqual(["select 'it''s; fine'", "select 'a\\'", 'select 2']);
  });

  it("reads E'' strings with backslash escapes", () => {
    expect(texts("select E'a\\'; b'; select e'\\\\'; select E'x''y;'")).toEqual(["select E'a\\'; b'", "select e'\\\\'", "select E'x''y;'"]);
  });

  it('treats E as a string prefix only at the start of a word', () => {
    // `namE` is an identifier; the string after it is a standard one, where \ does not escape.
    expect(texts("select namE'a\\'; select 2")).toEqual(["select namE'a\\'", 'select 2']);
  });

  it('reads dollar quotes with and without tags', () => {
    const sql = 'select $$a; b$$; select $fn$ $$ ; $x$ $fn$; select $a$ $b$; $b$ $a$';
    expect(texts(sql)).toEqual(['select $$a; b$$', 'select $fn$ $$ ; $x$ $fn$', 'select $a$ $b$; $b$ $a$']);
  });

  it('does not take parameters or identifiers with $ for dollar quotes', () => {
    expect(texts('select $1; select a$b$ from t; select 2')).toEqual(['select $1', 'select a$b$ from t', 'select 2']);
  });

  it('reads quoted identifiers with doubled quotes', () => {
    expect(texts('create table "a;""b" (x int); select 1')).toEqual(['create table "a;""b" (x int)', 'select 1']);
  });

  it('keeps semicolons inside parentheses, as psql does', () => {
    expect(texts('select (1; 2); select 3')).toEqual(['select (1; 2)', 'select 3']);
  });

  it('ends a -- comment at a lone carriage return, as PostgreSQL and psql do', () => {
    expect(texts('-- a comment\rDELETE FROM victim;\rselect 1;')).toEqual(['DELETE FROM victim', 'select 1']);
    expect(texts('select 1 -- c\r, 2;')).toEqual(['select 1 -- c\r, 2']);
    // Other line separators do not end a comment for PostgreSQL, so they do not here either.
    expect(texts('-- c\u2028select 1;\v\fselect 2;\u0085select 3;\nselect 4;')).toEqual(['select 4']);
  });

  it('keeps a leading byte order mark and CRLF line ends out of the way', () => {
    expect(splitStatements('\ufeffselect 1;\r\nselect 2;\r\n').map((s) => [s.text, s.line])).toEqual([
      ['select 1', 1],
      ['select 2', 2],
    ]);
  });
});

describe('splitStatements: BEGIN ATOMIC bodies', () => {
  it('keeps the semicolons of a SQL-standard function body', () => {
    const fn = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND';
    expect(texts(`${fn};\nselect 3;`)).toEqual([fn, 'select 3']);
  });

  it('counts CASE … END inside the body', () => {
    const fn = 'create or replace procedure p() language sql begin atomic select case when true then 1 else 2 end; insert into t values (1); end';
    expect(texts(`${fn}; select 4`)).toEqual([fn, 'select 4']);
  });

  it('does not treat transaction BEGIN or words in other statements as bodies', () => {
    expect(texts('begin; create table begin_x (x int); select case when true then 1 end; commit')).toEqual([
      'begin',
      'create table begin_x (x int)',
      'select case when true then 1 end',
      'commit',
    ]);
  });

  it('ignores BEGIN inside parentheses and dollar-quoted bodies', () => {
    const plpgsql = 'create function g(begin int) returns int language plpgsql as $$ begin return 1; end $$';
    expect(texts(`${plpgsql}; select 5`)).toEqual([plpgsql, 'select 5']);
  });
});

describe('splitStatements: directives', () => {
  it('attaches no-transaction and batch to the statement directly below them', () => {
    const sql = [
      'create table t (a int);',
      '-- pgtide:no-transaction',
      'create index concurrently t_a on t (a);',
      '-- pgtide:batch size=500',
      '-- fills a in batches',
      'update t set a = 0 where ctid in (select ctid from t where a is null limit 500);',
      'select 1; --pgtide:no-transaction',
      '-- pgtide:batch  size=7',
      'delete from t where a < 0;',
    ].join('\n');
    expect(splitStatements(sql).map((s) => [s.line, s.directives])).toEqual([
      [1, { noTransaction: false, batch: null, limits: null }],
      [3, { noTransaction: true, batch: null, limits: null }],
      [6, { noTransaction: false, batch: { size: 500, table: null }, limits: null }],
      [7, { noTransaction: false, batch: null, limits: null }],
      [9, { noTransaction: true, batch: { size: 7, table: null }, limits: null }],
    ]);
  });

  it('reads timeout limits in ms, s, min and h, either or both, 0 meaning none', () => {
    const sql = [
      '-- pgtide:timeout statement=4h',
      'create index concurrently i on t (a);',
      '-- pgtide:timeout lock=250ms statement=0',
      'alter table t validate constraint c;',
      '-- pgtide:no-transaction',
      '-- pgtide:timeout lock=2s statement=90min',
      'create index concurrently j on t (b);',
    ].join('\n');
    expect(splitStatements(sql).map((s) => s.directives.limits)).toEqual([
      { statementMs: 4 * 3_600_000 },
      { lockMs: 250, statementMs: 0 },
      { lockMs: 2000, statementMs: 90 * 60_000 },
    ]);
  });

  it('reads the table of a batch, quoted identifiers with spaces and quotes included', () => {
    const sql = '-- pgtide:batch size=10 table=app."Order ""Lines"""\nupdate app."Order ""Lines""" set a = 1 where false';
    expect(splitStatements(sql)[0]!.directives.batch).toEqual({ size: 10, table: 'app."Order ""Lines"""' });
  });

  it('formats durations so that they read back exactly', () => {
    for (const ms of [0, 1, 999, 1000, 1500, 60_000, 61_000, 3_600_000, 5_400_000, 2_147_483_647]) {
      const [st] = splitStatements(`-- pgtide:timeout statement=${formatDuration(ms)}\nselect 1`);
      expect(st!.directives.limits).toEqual({ statementMs: ms });
    }
    expect(formatDuration(4 * 3_600_000)).toBe('4h');
    expect(formatDuration(90_000)).toBe('90s');
  });

  it('does not read ordinary comments or pgtide words without the colon as directives', () => {
    const out = splitStatements('-- pgtide generated this\n-- see pgtide:docs below? no: only a comment start counts\nselect 1');
    expect(out[0]!.directives).toEqual({ noTransaction: false, batch: null, limits: null });
  });

  const errors: [string, string, number, RegExp][] = [
    ['unknown directive', 'select 1;\n-- pgtide:no-transactions\nselect 2', 2, /unknown directive "pgtide:no-transactions"/],
    ['empty directive', '-- pgtide:\nselect 2', 1, /unknown directive "pgtide:"/],
    ['batch without size', '-- pgtide:batch\nupdate t set a = 1', 1, /needs a size/],
    ['batch size zero', '-- pgtide:batch size=0\nupdate t set a = 1', 1, /positive whole number/],
    ['batch size not a number', '-- pgtide:batch size=lots\nupdate t set a = 1', 1, /positive whole number, not "lots"/],
    ['batch unknown argument', '-- pgtide:batch size=5 pause=1\nupdate t set a = 1', 1, /does not know the argument "pause"/],
    ['argument without value', '-- pgtide:batch 5\nupdate t set a = 1', 1, /expected key=value/],
    ['argument twice', '-- pgtide:batch size=5 size=6\nupdate t set a = 1', 1, /given twice/],
    ['no-transaction with arguments', '-- pgtide:no-transaction size=1\nselect 1', 1, /takes no arguments/],
    ['no-transaction with trailing words', '-- pgtide:no-transaction please\nselect 1', 1, /expected key=value, not "please"/],
    ['directive given twice', '-- pgtide:no-transaction\n-- pgtide:no-transaction\nselect 1', 2, /given twice/],
    ['batch given twice', '-- pgtide:batch size=1\n-- pgtide:batch size=2\nselect 1', 2, /given twice/],
    ['batch with an unclosed quote', '-- pgtide:batch size=5 table="a b\nupdate t set a = 1', 1, /double quote is not closed/],
    ['batch with an empty table', '-- pgtide:batch size=5 table=\nupdate t set a = 1', 1, /must name a table/],
    ['timeout without limits', '-- pgtide:timeout\nselect 1', 1, /needs lock=… or statement=…/],
    ['timeout without unit', '-- pgtide:timeout statement=5\nselect 1', 1, /whole number with ms, s, min or h/],
    ['timeout with a fraction', '-- pgtide:timeout lock=1.5s\nselect 1', 1, /not "1.5s"/],
    ['timeout over int4 milliseconds', '-- pgtide:timeout statement=600h\nselect 1', 1, /at most 24 days/],
    ['timeout unknown argument', '-- pgtide:timeout idle=5s\nselect 1', 1, /does not know the argument "idle"/],
    ['timeout given twice', '-- pgtide:timeout lock=1s\n-- pgtide:timeout statement=1s\nselect 1', 2, /given twice/],
    ['block comment directive', '/* pgtide:no-transaction */\nselect 1', 1, /must be line comments/],
    ['directive inside a statement', 'select 1\n-- pgtide:no-transaction\nselect 2;', 2, /inside the statement that begins at line 1/],
    ['directive at the end', 'select 1;\n-- pgtide:no-transaction\n', 2, /not followed by a statement/],
    ['directive before an empty statement', '-- pgtide:no-transaction\n;\nselect 1', 1, /empty statement/],
    ['blank line before the statement', '-- pgtide:no-transaction\n\ncreate index concurrently i on t (a)', 1, /blank line separates it from line 3/],
    ['blank line before a comment', '-- pgtide:no-transaction\n\n-- note\ncreate index i on t (a)', 1, /blank line separates it from line 3/],
  ];
  it.each(errors)('rejects %s with file:line', (_name, sql, line, message) => {
    const err = failure(sql);
    expect(err.path).toBe('m/expand.sql');
    expect(err.line).toBe(line);
    expect(err.message).toMatch(message);
    expect(err.message.startsWith(`m/expand.sql:${line}: `)).toBe(true);
  });
});

describe('splitStatements: unterminated constructs', () => {
  const cases: [string, string, number, RegExp][] = [
    ['string', "select 1;\nselect 'abc;\nselect 2", 2, /unterminated string literal/],
    ['E string ending in an escaped quote', "select E'abc\\'", 1, /unterminated E'' string/],
    ['quoted identifier', 'select 1;\n\nselect "abc', 3, /unterminated quoted identifier/],
    ['dollar quote', 'select $x$ abc $y$', 1, /unterminated dollar-quoted string: add the closing \$x\$/],
    ['block comment', 'select 1 /* a /* b */', 1, /unterminated \/\* comment/],
  ];
  it.each(cases)('rejects an unterminated %s at its first line', (_name, sql, line, message) => {
    const err = failure(sql, 'x.sql');
    expect(err.line).toBe(line);
    expect(err.message).toMatch(message);
  });

  it('names <sql> when no file is given', () => {
    expect(() => splitStatements("select '")).toThrow(/^<sql>:1: /);
  });
});

describe('MigrationFormatError', () => {
  it('is a usage error (exit 2) for the CLI', () => {
    const err = failure('-- pgtide:nope\nselect 1');
    expect(err).toBeInstanceOf(PgtideError);
    expect(err.exitCode).toBe(ExitCode.usage);
  });
});
