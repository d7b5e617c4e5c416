import { addDirective, NO_DIRECTIVES, parseComment, type StatementDirectives } from './directives.js';
import { MigrationFormatError } from './errors.js';
import { tokenize, type Token } from '../util/sql-lexer.js';

export type { StatementDirectives } from './directives.js';

export interface Statement {
  /** From the statement's first token to its last, without the terminating semicolon. */
  readonly text: string;
  /** 1-based line of the statement's first token. */
  readonly line: number;
  readonly directives: StatementDirectives;
}

class LineIndex {
  private readonly newlines: number[] = [];
  constructor(src: string) {
    for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) this.newlines.push(i);
  }
  /** 1-based line of an offset: one plus the newlines before it. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }
}

interface OpenStatement {
  readonly start: number;
  readonly line: number;
  readonly directives: StatementDirectives;
  lastEnd: number;
  /** One mark per leading word (up to four), to recognise CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
  readonly marks: string[];
  parenDepth: number;
  beginDepth: number;
}

const ROUTINE_MARKS: Readonly<Record<string, string>> = { create: 'c', function: 'f', procedure: 'p', or: 'o', replace: 'r' };

function isRoutine(m: readonly string[]): boolean {
  if (m[0] !== 'c') return false;
  if (m[1] === 'f' || m[1] === 'p') return true;
  return m[1] === 'o' && m[2] === 'r' && (m[3] === 'f' || m[3] === 'p');
}

/**
 * Splits like psql does. Semicolons inside parentheses, and inside the BEGIN ATOMIC … END body of
 * a CREATE FUNCTION/PROCEDURE, do not end a statement; psql's heuristic for those bodies (count
 * BEGIN, CASE and END words at paren depth 0) is followed exactly so both tools agree on a file.
 */
class Splitter {
  private readonly lines: LineIndex;
  private readonly out: Statement[] = [];
  private current: OpenStatement | null = null;
  private pending: StatementDirectives = NO_DIRECTIVES;
  /** Line of the last directive collected for the next statement. */
  private directiveLine: number | null = null;
  /** Last line, between statements, that holds a comment or the end of a statement. */
  private coveredUntil = 0;

  constructor(
    private readonly src: string,
    private readonly file: string,
  ) {
    this.lines = new LineIndex(src);
  }

  run(): Statement[] {
    for (const token of tokenize(this.src, (offset, problem) => this.fail(this.lines.lineAt(offset), problem))) {
      this.take(token);
    }
    if (this.current) this.emit(this.current);
    if (this.directiveLine !== null) this.fail(this.directiveLine, 'this directive is not followed by a statement: remove it or add the statement below it');
    return this.out;
  }

  private fail(line: number, problem: string): never {
    throw new MigrationFormatError(this.file, line, problem);
  }

  private take(t: Token): void {
    switch (t.type) {
      case 'space':
        return;
      case 'line-comment':
      case 'block-comment':
        return this.comment(t);
      case 'semicolon':
        return this.semicolon(t);
      case 'word':
        return this.word(this.significant(t), t);
      case 'open':
        this.significant(t).parenDepth++;
        return;
      case 'close': {
        const st = this.significant(t);
        st.parenDepth = Math.max(0, st.parenDepth - 1);
        return;
      }
      case 'string':
      case 'quoted-ident':
      case 'dollar-string':
      case 'number':
      case 'param':
      case 'other':
        this.significant(t);
        return;
      default: {
        const never: never = t.type;
        throw new Error(`unhandled token ${String(never)}`);
      }
    }
  }

  private comment(t: Token): void {
    const line = this.lines.lineAt(t.start);
    const parsed = parseComment(this.src.slice(t.start, t.end), t.type === 'line-comment' ? 'line' : 'block');
    if (parsed.type === 'error') this.fail(line, parsed.problem);
    if (this.current) {
      if (parsed.type === 'directive') {
        this.fail(line, `this directive is inside the statement that begins at line ${this.current.line}; put it directly above the statement it is for (or end the previous statement with a semicolon)`);
      }
      return;
    }
    this.requireAdjacent(line);
    if (parsed.type === 'directive') {
      const next = addDirective(this.pending, parsed.directive);
      if (typeof next === 'string') this.fail(line, next);
      this.pending = next;
      this.directiveLine = line;
    }
    this.coveredUntil = this.lines.lineAt(t.end - 1);
  }

  /** A blank line between a directive and its statement makes it unclear what the directive is for. */
  private requireAdjacent(line: number): void {
    if (this.directiveLine !== null && line > this.coveredUntil + 1) {
      this.fail(this.directiveLine, `a directive must be directly above its statement, but a blank line separates it from line ${line}; remove the blank line`);
    }
  }

  private significant(t: Token): OpenStatement {
    if (!this.current) {
      const line = this.lines.lineAt(t.start);
      this.requireAdjacent(line);
      this.current = { start: t.start, line, directives: this.pending, lastEnd: t.end, marks: [], parenDepth: 0, beginDepth: 0 };
      this.pending = NO_DIRECTIVES;
      this.directiveLine = null;
    }
    this.current.lastEnd = t.end;
    return this.current;
  }

  private word(st: OpenStatement, t: Token): void {
    // Only the first words, and the words of a routine's body, matter: most words are never read.
    if (st.marks.length >= 4 && (!isRoutine(st.marks) || st.parenDepth > 0)) return;
    const word = this.src.slice(t.start, t.end).toLowerCase();
    if (st.marks.length < 4) st.marks.push(ROUTINE_MARKS[word] ?? '');
    if (!isRoutine(st.marks) || st.parenDepth > 0) return;
    if (word === 'begin') st.beginDepth++;
    else if (word === 'case' && st.beginDepth > 0) st.beginDepth++;
    else if (word === 'end' && st.beginDepth > 0) st.beginDepth--;
  }

  private semicolon(t: Token): void {
    const st = this.current;
    if (st && (st.parenDepth > 0 || st.beginDepth > 0)) {
      st.lastEnd = t.end;
      return;
    }
    if (st) this.emit(st);
    else if (this.directiveLine !== null) this.fail(this.directiveLine, 'this directive is followed by an empty statement (a lone semicolon): remove one of them');
    this.current = null;
    this.coveredUntil = this.lines.lineAt(t.start);
  }

  private emit(st: OpenStatement): void {
    this.out.push({ text: this.src.slice(st.start, st.lastEnd), line: st.line, directives: st.directives });
  }
}

/**
 * Splits a PostgreSQL script into statements, each with its first line and the `-- pgtide:`
 * directives written directly above it. `file` names the script in error messages.
 */
export function splitStatements(sql: string, file = '<sql>'): Statement[] {
  return new Splitter(sql, file).run();
}
