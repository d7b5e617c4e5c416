/**
 * Just enough of PostgreSQL's lexer to find statement boundaries and identifiers: it knows every
 * construct inside which a semicolon, a quote or a comment marker is ordinary text. Strings follow
 * standard_conforming_strings = on (the default since 9.1): backslashes escape only in E'…'.
 */

export type TokenType =
  | 'space'
  | 'line-comment'
  | 'block-comment'
  | 'string'
  | 'quoted-ident'
  | 'dollar-string'
  | 'word'
  | 'number'
  | 'param'
  | 'open'
  | 'close'
  | 'semicolon'
  | 'other';

export interface Token {
  readonly type: TokenType;
  /** Offsets into the source: [start, end). */
  readonly start: number;
  readonly end: number;
}

/** Reports a lexical error at an offset; never returns. */
export type Fail = (offset: number, problem: string) => never;

// PostgreSQL treats every byte >= 0x80 as an identifier character; in UTF-16 that is any non-ASCII unit.
const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const SPACE = /[ \t\n\r\f\v]/;
// Sticky runs: one regex match per token rather than one test per character, which made lexing a
// long migration history a visible share of a warm `plan`.
const IDENT_RUN = /[A-Za-z0-9_$\u0080-\uffff]*/y;
const SPACE_RUN = /[ \t\n\r\f\v]*/y;
const NUMBER_RUN = /[0-9A-Za-z_.]*/y;
const DIGIT_RUN = /[0-9]*/y;

/** The end of the run of `run`'s characters that starts at `i` (`run` is sticky and matches empty). */
function scanWhile(src: string, i: number, run: RegExp): number {
  run.lastIndex = i;
  run.test(src);
  return run.lastIndex;
}

// As in PostgreSQL's and psql's lexers, a `--` comment ends at \n or \r: a lone \r that the
// splitter read as part of a comment would be a statement boundary to the server and to psql.
const LINE_END = /[\n\r]/g;

function scanLineComment(src: string, i: number): number {
  LINE_END.lastIndex = i;
  return LINE_END.test(src) ? LINE_END.lastIndex - 1 : src.length;
}

/** Block comments nest in PostgreSQL, unlike in C. */
function scanBlockComment(src: string, start: number, fail: Fail): number {
  let depth = 0;
  let i = start;
  while (i < src.length) {
    if (src.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (src.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return fail(start, 'unterminated /* comment: add the closing */');
}

/** '…' and "…": the quote character is escaped by doubling it. */
function scanQuoted(src: string, start: number, quote: "'" | '"', fail: Fail): number {
  let i = start + 1;
  for (;;) {
    const close = src.indexOf(quote, i);
    if (close === -1) {
      const what = quote === "'" ? 'string literal' : 'quoted identifier';
      return fail(start, `unterminated ${what}: add the closing ${quote}`);
    }
    if (src[close + 1] === quote) i = close + 2;
    else return close + 1;
  }
}

/** E'…': a backslash escapes the next character, and '' still stands for one quote. */
function scanEscapeString(src: string, start: number, fail: Fail): number {
  let i = start + 2;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') i += 2;
    else if (c === "'" && src[i + 1] === "'") i += 2;
    else if (c === "'") return i + 1;
    else i++;
  }
  return fail(start, "unterminated E'' string literal: add the closing '");
}

function scanDollar(src: string, start: number, fail: Fail): Token {
  if (/[0-9]/.test(src[start + 1] ?? '')) {
    return { type: 'param', start, end: scanWhile(src, start + 1, DIGIT_RUN) };
  }
  DOLLAR_TAG.lastIndex = start;
  const m = DOLLAR_TAG.exec(src);
  if (!m) return { type: 'other', start, end: start + 1 };
  const delimiter = m[0];
  const close = src.indexOf(delimiter, start + delimiter.length);
  if (close === -1) return fail(start, `unterminated dollar-quoted string: add the closing ${delimiter}`);
  return { type: 'dollar-string', start, end: close + delimiter.length };
}

function scanWordOrString(src: string, start: number, fail: Fail): Token {
  const c = src[start]!;
  if ((c === 'e' || c === 'E') && src[start + 1] === "'") {
    return { type: 'string', start, end: scanEscapeString(src, start, fail) };
  }
  return { type: 'word', start, end: scanWhile(src, start + 1, IDENT_RUN) };
}

const SINGLE: Readonly<Record<string, TokenType>> = { '(': 'open', ')': 'close', ';': 'semicolon' };

/** The token that starts at `i` (which must be inside src). */
export function nextToken(src: string, i: number, fail: Fail): Token {
  const c = src[i]!;
  if (SPACE.test(c) || (c === '\ufeff' && i === 0)) return { type: 'space', start: i, end: scanWhile(src, i + 1, SPACE_RUN) };
  if (src.startsWith('--', i)) return { type: 'line-comment', start: i, end: scanLineComment(src, i) };
  if (src.startsWith('/*', i)) return { type: 'block-comment', start: i, end: scanBlockComment(src, i, fail) };
  if (c === "'") return { type: 'string', start: i, end: scanQuoted(src, i, "'", fail) };
  if (c === '"') return { type: 'quoted-ident', start: i, end: scanQuoted(src, i, '"', fail) };
  if (c === '$') return scanDollar(src, i, fail);
  if (IDENT_START.test(c)) return scanWordOrString(src, i, fail);
  if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
    return { type: 'number', start: i, end: scanWhile(src, i + 1, NUMBER_RUN) };
  }
  return { type: SINGLE[c] ?? 'other', start: i, end: i + 1 };
}

export function* tokenize(src: string, fail: Fail): Generator<Token> {
  let i = 0;
  while (i < src.length) {
    const token = nextToken(src, i, fail);
    yield token;
    i = token.end;
  }
}

/**
 * The name an identifier token stands for: a quoted identifier without its quotes (doubled quotes
 * undone), an unquoted word folded as the server folds it (ASCII letters only, as in UTF-8
 * databases). Null for any other token.
 */
export function identifierName(src: string, tok: Token): string | null {
  const text = src.slice(tok.start, tok.end);
  if (tok.type === 'quoted-ident') return text.slice(1, -1).replace(/""/g, '"');
  if (tok.type === 'word') return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return null;
}

class Unlexable extends Error {}

/**
 * Whether an expression refers to `name` as an identifier, in any position (a column, a qualified
 * name's part, a function): literals, comments and dollar-quoted bodies do not count. Used on text
 * the server printed (pg_get_expr), where a name that needs quoting is always quoted. Over-counting
 * is the safe side (a keyword spelled like the name counts), and so is text that does not lex.
 */
export function mentionsIdentifier(src: string, name: string): boolean {
  return mentionedIdentifiers(src)?.has(name) ?? true;
}

/**
 * Every name `src` refers to as an identifier (as mentionsIdentifier reads them), for asking about
 * many names with one pass; null when the text does not lex.
 */
export function mentionedIdentifiers(src: string): ReadonlySet<string> | null {
  const names = new Set<string>();
  try {
    for (const tok of tokenize(src, () => {
      throw new Unlexable();
    })) {
      const name = identifierName(src, tok);
      if (name !== null) names.add(name);
    }
    return names;
  } catch (err) {
    if (err instanceof Unlexable) return null;
    throw err;
  }
}

/**
 * The functions an expression calls, by their unqualified names (`pg_catalog.random()` → random):
 * identifiers followed by an opening parenthesis. Names inside literals, comments and dollar-quoted
 * bodies are not calls. Text that does not lex gives null, so callers can take the safe side.
 */
export function calledFunctions(src: string): ReadonlySet<string> | null {
  const called = new Set<string>();
  let pending: string | null = null;
  try {
    for (const tok of tokenize(src, () => {
      throw new Unlexable();
    })) {
      if (tok.type === 'space' || tok.type === 'line-comment' || tok.type === 'block-comment') continue;
      if (tok.type === 'open' && pending !== null) called.add(pending);
      pending = identifierName(src, tok);
    }
    return called;
  } catch (err) {
    if (err instanceof Unlexable) return null;
    throw err;
  }
}
