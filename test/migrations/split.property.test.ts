import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, MigrationFormatError, splitStatements, type StatementDirectives, type StatementLimits } from '../../src/migrations/index.js';

// Characters that mean something to the splitter, so literal content exercises every escape path.
const tricky = fc.constantFrom(';', "'", '"', '\\', '$', '-', '/', '*', '\n', ' ', 'a', 'é', '(', ')', 'E');
const trickyText = fc.string({ unit: tricky, maxLength: 16 });

// Words that drive the BEGIN ATOMIC heuristic are kept out of plain words; routine() adds them on purpose.
const RESERVED = new Set(['begin', 'case', 'end', 'create', 'function', 'procedure', 'or', 'replace']);
const word = fc.stringMatching(/^[a-z_][a-z0-9_$]{0,6}$/).filter((w) => !RESERVED.has(w));

const standardString = trickyText.map((s) => `'${s.replace(/'/g, "''")}'`);
const escapeString = fc
  .array(fc.constantFrom('\\\\', "\\'", "''", ';', '\\n', 'x', '--', '/*', '$$', '\n', '"'), { maxLength: 8 })
  .map((parts) => `E'${parts.join('')}'`);
const dollarString = fc
  .tuple(fc.constantFrom('', 'x', 'body', 'a_1'), trickyText)
  .map(([tag, body]) => ({ delim: `$${tag}$`, body }))
  .filter(({ delim, body }) => (body + delim).indexOf(delim) === body.length)
  .map(({ delim, body }) => `${delim}${body}${delim}`);
const quotedIdent = fc.string({ unit: tricky, minLength: 1, maxLength: 10 }).map((s) => `"${s.replace(/"/g, '""')}"`);
const lineComment = fc.string({ unit: tricky, maxLength: 12 }).map((s) => `-- c ${s.replace(/\n/g, ' ')}\n`);
const blockComment = fc
  .tuple(trickyText, trickyText)
  .map(([a, b]) => `/* ${a.replace(/[*/]/g, '.')} /* ${b.replace(/[*/]/g, '.')} */ ; */`);
const other = fc.constantFrom(',', '+', '=', '.', '::', '<>', '*', '$1', '42', '3.5e2');

const atom = fc.oneof(word, standardString, escapeString, dollarString, quotedIdent, other);
const group = fc.array(atom, { minLength: 1, maxLength: 3 }).map((xs) => `(${xs.join(' ; ')})`);
const inner = fc.oneof({ weight: 4, arbitrary: atom }, { weight: 1, arbitrary: group }, { weight: 1, arbitrary: lineComment }, { weight: 1, arbitrary: blockComment });
const sep = fc.constantFrom(' ', '\n', '  \n\t');

/** A statement that starts and ends with a token, so its text is exactly what was generated. */
const plainStatement = fc
  .tuple(word, fc.array(fc.tuple(sep, inner), { maxLength: 6 }), sep, atom)
  .map(([first, middle, s, last]) => `${first}${middle.map(([a, b]) => a + b).join('')}${s}${last}`);

const routine = fc
  .tuple(
    fc.constantFrom('CREATE FUNCTION', 'create procedure', 'Create Or Replace Function', 'CREATE OR REPLACE PROCEDURE'),
    fc.array(plainStatement, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([head, body, withCase]) => {
    const stmts = withCase ? [...body, 'select case when x then 1 else 2 end'] : body;
    return `${head} f() returns int language sql\nbegin atomic\n  ${stmts.join(';\n  ')};\nend`;
  });

const statement = fc.oneof({ weight: 5, arbitrary: plainStatement }, { weight: 1, arbitrary: routine });
const directives = fc.record({
  noTransaction: fc.boolean(),
  batch: fc.option(
    fc.record({
      size: fc.integer({ min: 1, max: 100_000 }),
      table: fc.constantFrom(null, 'public.t', 'app."Order Lines"', '"we""ird schema".x'),
    }),
    { nil: null },
  ),
  limits: fc.option(
    fc.record({ lockMs: fc.integer({ min: 0, max: 86_400_000 }), statementMs: fc.integer({ min: 0, max: 86_400_000 }) }, { requiredKeys: [] }).filter((l) => Object.keys(l).length > 0),
    { nil: null },
  ),
});

function timeoutDirective(l: StatementLimits): string {
  const args: string[] = [];
  if (l.lockMs !== undefined) args.push(`lock=${formatDuration(l.lockMs)}`);
  if (l.statementMs !== undefined) args.push(`statement=${formatDuration(l.statementMs)}`);
  return `-- pgtide:timeout ${args.join(' ')}\n`;
}
const between = fc.constantFrom('', '\n', '\n\n', '-- note; here\n', '/* x; */ ', ';\n');
const after = fc.constantFrom('', ' ', '\n', ' -- done;\n');

interface Case {
  readonly sql: string;
  readonly expected: { text: string; line: number; directives: StatementDirectives }[];
}

const script = fc.array(fc.tuple(between, directives, statement, after), { maxLength: 6 }).map((parts): Case => {
  let sql = '';
  const expected: Case['expected'] = [];
  for (const [lead, d, text, tail] of parts) {
    sql += lead;
    if (d.noTransaction) sql += '-- pgtide:no-transaction\n';
    if (d.batch) sql += `-- pgtide:batch size=${d.batch.size}${d.batch.table === null ? '' : ` table=${d.batch.table}`}\n`;
    if (d.limits) sql += timeoutDirective(d.limits);
    const line = sql.split('\n').length;
    sql += `${text};${tail}`;
    expected.push({ text, line, directives: d });
  }
  return { sql, expected };
});

describe('splitStatements: properties', () => {
  it('joining random statements and splitting them returns them, with lines and directives', () => {
    fc.assert(
      fc.property(script, ({ sql, expected }) => {
        expect(splitStatements(sql)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('a statement with a semicolon-free tail needs no final semicolon', () => {
    fc.assert(
      fc.property(fc.array(plainStatement, { minLength: 1, maxLength: 4 }), (stmts) => {
        expect(splitStatements(stmts.join(';\n')).map((s) => s.text)).toEqual(stmts);
      }),
    );
  });

  it('on any input, returns in-order substrings of the input or fails with a located error', () => {
    const noise = fc.string({ unit: fc.oneof(tricky, fc.constantFrom('-- pgtide:batch size=3\n', 'begin', ' end', 'create function ', '$t$')), maxLength: 60 });
    fc.assert(
      fc.property(noise, (sql) => {
        let out;
        try {
          out = splitStatements(sql, 'f.sql');
        } catch (err) {
          expect(err).toBeInstanceOf(MigrationFormatError);
          const e = err as MigrationFormatError;
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(sql.split('\n').length);
          return;
        }
        let from = 0;
        for (const st of out) {
          expect(st.text.trim()).toBe(st.text);
          expect(st.text).not.toBe('');
          const at = sql.indexOf(st.text, from);
          expect(at).toBeGreaterThanOrEqual(from);
          from = at + st.text.length;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
